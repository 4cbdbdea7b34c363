using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Access;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Features.HouseholdSpace;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.HouseholdSpace;

/// <summary>A household of the test, with what its space shows: a plan with one task of its own and one of its counsellor, and its consents.</summary>
public sealed record SpaceHousehold(Guid Id, string FileNumber, Guid OwnTaskId, Guid CounsellorTaskId, Guid ConsentId);

/// <summary>
/// The real application on Kestrel against the test database, a counsellor and a household with a
/// plan and consents, and the steps a household's phone takes: open its link (GET, then the
/// button's POST with the page's antiforgery token), read its space, post its forms.
/// </summary>
public abstract partial class HouseholdSpaceHttpTestBase(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;
    private int _files;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString, settings: Settings);

    protected UserIdentity Marie { get; private set; } = UserIdentity.Anonymous;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Marie = await TestUsers.CreateAsync(db, "marie@test.local", "Marie Tremblay", 1, Roles.Counsellor);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected HttpClient NewPhone() => App.CreateBrowserlikeClient();

    /// <summary>A household of Marie's with an email, a phone, a plan (a task of its own, one of Marie's) and its consent to the file's follow-up.</summary>
    protected async Task<SpaceHousehold> HouseholdAsync(string email = "aminata@example.org", string phone = "514 555-0101", string firstName = "Aminata")
    {
        var household = new HouseholdBuilder()
            .WithFileNumber($"2025-{++_files:D5}")
            .AssignedTo(Marie.Id)
            .WithProfile(p => p.WithPrimaryApplicant(firstName, "Diallo").WithEmail(email).WithPhone(phone))
            .WithNeeds("employment")
            .Build();
        await using var db = Database.CreateDbContext();
        db.ActingAs(FixedContext.Default).Households.Add(household);
        var plan = Plan.Start(household.Id, FixedContext.Default);
        var goal = plan.AddGoal("employment", "Trouver un emploi en région", FixedContext.Default);
        var own = plan.AddTask(goal.Id, "Mettre mon CV à jour", TaskOwner.Household, null, FixedContext.Default);
        var counsellors = plan.AddTask(goal.Id, "Appeler l'employeur de Rimouski", TaskOwner.Counsellor, null, FixedContext.Default);
        db.Plans.Add(plan);
        var consent = ConsentRecord.Answer(household.Id, "case-management", 1, true, ConsentSource.RegistrationForm, FixedContext.Now);
        db.ConsentRecords.Add(consent);
        await db.SaveChangesAsync();
        return new SpaceHousehold(household.Id, household.FileNumber, own.Id, counsellors.Id, consent.Id);
    }

    protected async Task<Uri> IssueAsync(Guid householdId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IHouseholdLinks>().IssueAsync(householdId, Marie.Id, CancellationToken.None);
    }

    /// <summary>Opens the link as a phone does: the page, then its button (a POST with the page's token). Returns the POST's answer.</summary>
    protected static async Task<HttpResponseMessage> OpenAsync(HttpClient phone, Uri link)
    {
        var page = await phone.GetStringAsync(link.PathAndQuery);
        return await PostFormAsync(phone, link.PathAndQuery.Replace("/espace/lien/", "/espace/ouvrir/", StringComparison.Ordinal), page, []);
    }

    /// <summary>Opens the link and checks the phone is now in its space.</summary>
    protected static async Task SignedInAsync(HttpClient phone, Uri link)
    {
        var opened = await OpenAsync(phone, link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/espace", opened.Headers.Location!.OriginalString);
    }

    /// <summary>The space's page (200) or where it sends the phone.</summary>
    protected static Task<HttpResponseMessage> SpaceAsync(HttpClient phone) => phone.GetAsync("/espace");

    /// <summary>Posts one of the space's forms with the token the space's page gave.</summary>
    protected static async Task<HttpResponseMessage> PostFromSpaceAsync(HttpClient phone, string path, Dictionary<string, string> fields)
    {
        var page = await phone.GetStringAsync("/espace");
        return await PostFormAsync(phone, path, page, fields);
    }

    protected static Task<HttpResponseMessage> PostFormAsync(HttpClient phone, string path, string page, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value };
        return phone.PostAsync(path, new FormUrlEncodedContent(form));
    }

    protected static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The counsellor's side of the file (send, revoke), acting as <paramref name="person"/>.</summary>
    protected async Task AsStaffAsync(UserIdentity person, Func<HouseholdLinkAdmin, Task> action, TextMessageOptions? textMessages = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<AppClock>();
        var policy = new AccessPolicy(Database.ContextFactory, new TestCurrentUser(person), clock, NullLogger<AccessPolicy>.Instance);
        var admin = new HouseholdLinkAdmin(Database.ContextFactory, policy, clock,
            scope.ServiceProvider.GetRequiredService<HouseholdLinks>(), scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>(),
            new HouseholdTextMessages(Database.ContextFactory, clock, textMessages ?? new TextMessageOptions(), scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>()));
        await action(admin);
    }

    protected async Task<T> InDatabaseAsync<T>(Func<CaseManager.Data.CaseManagerDbContext, Task<T>> read)
    {
        await using var db = Database.CreateDbContext();
        return await read(db);
    }

    /// <summary>The link in the last email the outbox holds for <paramref name="address"/>, if any.</summary>
    protected async Task<Uri?> LinkSentToAsync(string address)
    {
        var email = await InDatabaseAsync(db => db.OutgoingEmails.Where(e => e.ToAddress == address).OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync());
        return email is null ? null : new Uri(LinkInText().Match(email.TextBody).Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"http://casemanager\.test/espace/lien/[A-Za-z0-9_-]{43}")]
    protected static partial Regex LinkInText();
}
