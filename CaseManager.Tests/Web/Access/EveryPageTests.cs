using System.Reflection;
using CaseManager.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CaseManager.Tests.Web.Access;

/// <summary>
/// Every routable page of the app says who may open it in the policy's words: an operation of
/// <see cref="AccessRules"/> (never a list of role names), open to anyone (the public intake,
/// sign-in), or to anyone signed in (home, preferences). A new page that does neither fails here.
/// </summary>
public sealed class EveryPageTests
{
    /// <summary>Pages for anyone signed in, whatever their roles (each asks the policy for what it shows).</summary>
    private static readonly string[] AnySignedIn = ["HomePage", "PreferencesPage"];

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in RoutablePages())
        {
            data.Add(page.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_SaysWhoMayOpenIt_AsAnOperationOfThePolicy(string pageName)
    {
        var page = RoutablePages().Single(p => p.FullName == pageName);
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
        var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;

        Assert.All(authorize, a => Assert.Null(a.Roles));
        if (anonymous)
        {
            Assert.Empty(authorize);
            return;
        }

        var only = Assert.Single(authorize);
        if (only.Policy is null)
        {
            Assert.Contains(page.Name, AnySignedIn);
        }
        else
        {
            Assert.True(Enum.TryParse<Operation>(only.Policy, out _), $"{page.Name}: policy {only.Policy} is not an operation");
        }
    }

    [Fact]
    public void Pages_AreFound()
    {
        // The scan sees the app's pages (a moved assembly would make the theory above empty).
        Assert.Contains(RoutablePages(), p => p.Name == "HouseholdPage");
        Assert.True(RoutablePages().Count() > 30);
    }

    private static IEnumerable<Type> RoutablePages() =>
        typeof(AccessRules).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
            .Where(t => !t.Name.Equals("ErrorPage", StringComparison.Ordinal) && !t.Name.Equals("NotFoundPage", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
