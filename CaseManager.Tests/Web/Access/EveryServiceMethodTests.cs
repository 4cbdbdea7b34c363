using System.Reflection;
using System.Runtime.CompilerServices;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Access;

/// <summary>
/// Every public method of every class that asks the access policy, found by reflection (so a new
/// method is in the test the day it is written), called as someone who may do nothing: nobody
/// signed in, and a counsellor deactivated after signing in whose cookie still names them. Each
/// must be refused by the policy before anything else happens (no other exception, no result).
/// What the other kinds of person may do is <see cref="AccessMatrixTests"/>.
/// </summary>
public sealed class EveryServiceMethodTests(DatabaseFixture database) : DatabaseTest(database)
{
    /// <summary>
    /// Methods open to anyone by design, with the reason. (The public registration form's services,
    /// IntakeService and ReferenceDataService, do not take the policy, so they are not in the scan.)
    /// </summary>
    private static readonly Dictionary<string, string> OpenByDesign = new()
    {
        ["SessionCalendar.FeedAsync"] = "a calendar app reads the feed with its secret address, not a person",
    };

    [Fact]
    public async Task EveryServiceMethod_ForNobodyAndForADeactivatedCounsellor_IsRefusedByThePolicy()
    {
        await using (var db = Database.CreateDbContext())
        {
            var deactivated = await TestUsers.CounsellorAsync(db, "Ancien Collègue");
            await db.Users.Where(u => u.Id == deactivated.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
            _deactivated = deactivated;
        }

        await using var host = new AdminTestHost(Database.ConnectionString, UserIdentity.Anonymous);
        var methods = ServiceMethods().ToList();
        Assert.True(methods.Count > 150, $"Only {methods.Count} methods found: the reflection lost its way.");
        var mismatches = new List<string>();
        foreach (var person in new[] { UserIdentity.Anonymous, _deactivated })
        {
            foreach (var (type, method) in methods)
            {
                host.Current.User = person;
                // A fresh scope per call: the policy resolves the person once per scope.
                await using var scope = host.CreateScope();
                var service = scope.ServiceProvider.GetService(type);
                if (service is null)
                {
                    mismatches.Add($"{type.Name} is not registered");
                    continue;
                }

                var outcome = await CallAsync(service, method);
                if (IsQuestion(method))
                {
                    // "May I?" for a page to show or hide an action: the answer, never a refusal, and no for them.
                    if (outcome is not null || _answer is not false)
                    {
                        mismatches.Add($"{type.Name}.{method.Name} × {(person.IsAuthenticated ? "deactivated" : "anonymous")}: {outcome?.GetType().Name ?? $"answered {_answer}"}");
                    }
                }
                else if (outcome is not AccessDeniedException)
                {
                    mismatches.Add($"{type.Name}.{method.Name} × {(person.IsAuthenticated ? "deactivated" : "anonymous")}: {outcome?.GetType().Name ?? "ran"}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private UserIdentity _deactivated = UserIdentity.Anonymous;

    /// <summary>The classes that receive the access policy, and their public methods that do something.</summary>
    private static IEnumerable<(Type Type, MethodInfo Method)> ServiceMethods() =>
        from type in typeof(AccessPolicy).Assembly.GetTypes()
        where type is { IsClass: true, IsAbstract: false, IsPublic: true } &&
              type.Namespace?.StartsWith("CaseManager.Web.Features", StringComparison.Ordinal) == true &&
              type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(AccessPolicy)))
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        where typeof(Task).IsAssignableFrom(method.ReturnType) && !method.IsSpecialName && !method.ContainsGenericParameters &&
              !OpenByDesign.ContainsKey($"{type.Name}.*") && !OpenByDesign.ContainsKey($"{type.Name}.{method.Name}")
        orderby type.Name, method.Name
        select (type, method);

    /// <summary>A yes/no the pages ask (CanManageAsync, IsReviewerAsync, ReadsProgramAsync…).</summary>
    private static bool IsQuestion(MethodInfo method) =>
        method.ReturnType == typeof(Task<bool>) && (method.Name.StartsWith("Can", StringComparison.Ordinal) ||
                                                     method.Name.StartsWith("Is", StringComparison.Ordinal) ||
                                                     method.Name.StartsWith("Reads", StringComparison.Ordinal));

    private object? _answer;

    private async Task<Exception?> CallAsync(object service, MethodInfo method)
    {
        _answer = null;
        try
        {
            var task = (Task)method.Invoke(service, method.GetParameters().Select(p => Argument(p.ParameterType)).ToArray())!;
            await task;
            _answer = task is Task<bool> question ? question.Result : null;
            return null;
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            return invocation.InnerException;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>A harmless value of any parameter type: empty, zero, or an object with its fields unset.</summary>
    private static object? Argument(Type type)
    {
        if (type == typeof(CancellationToken) || Nullable.GetUnderlyingType(type) is not null)
        {
            return type == typeof(CancellationToken) ? CancellationToken.None : null;
        }

        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 1 &&
            type.IsAssignableFrom(typeof(List<>).MakeGenericType(type.GetGenericArguments())))
        {
            return Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()));
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream();
        }

        return type.IsInterface || type.IsAbstract || typeof(Delegate).IsAssignableFrom(type) ? null : RuntimeHelpers.GetUninitializedObject(type);
    }
}
