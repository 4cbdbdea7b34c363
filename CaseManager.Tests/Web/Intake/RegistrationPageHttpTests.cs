using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Intake;

/// <summary>The public registration form over HTTP, as a phone's browser posts it.</summary>
public sealed partial class RegistrationPageHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
    }

    [Fact]
    public async Task Get_Inscription_ShowsTheFormInFrenchWithTheNoticeAndSeparateConsents()
    {
        var html = await HttpSignIn.TextAsync(await App.CreateBrowserlikeClient().GetAsync("/inscription"));

        Assert.Contains("Inscription au programme de régionalisation", html, StringComparison.Ordinal);
        Assert.Contains("Responsable de la protection des renseignements personnels", html, StringComparison.Ordinal);
        Assert.Contains("Version 1, en vigueur depuis le 2025-01-01", html, StringComparison.Ordinal);
        foreach (var purpose in new[] { "case-management", "regional-partners", "newsletter", "research" })
        {
            Assert.Contains($"name=\"consent-{purpose}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Register_SwitchesToEnglishAndShowsTheEnglishForm()
    {
        var client = App.CreateBrowserlikeClient();

        var first = await client.GetAsync("/register");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/culture/en-CA", first.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var back = await client.GetAsync(first.Headers.Location);
        Assert.Equal("/register", back.Headers.Location!.OriginalString);
        var html = await HttpSignIn.TextAsync(await client.GetAsync("/register"));

        Assert.Contains("Registration to the regionalization program", html, StringComparison.Ordinal);
        Assert.Contains("Privacy officer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AValidRegistration_OpensTheFileAndThanksWithAReferenceNotTheFileNumber()
    {
        var client = App.CreateBrowserlikeClient();

        var response = await PostAsync(client, Valid());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.PathAndQuery;
        Assert.Matches("^/inscription/merci\\?reference=INS-[A-Z0-9]{8}&email=1$", location);
        await using var db = Database.CreateDbContext();
        var household = await db.Households.SingleAsync();
        Assert.Equal("Diallo", household.PrimaryApplicant.LastName);
        Assert.Equal(["02"], household.PreferredRegionCodes);
        Assert.Single(household.Children);
        var registration = await db.Registrations.SingleAsync();
        Assert.Equal(["employment"], registration.InterestCodes);
        Assert.Equal(2, await db.ConsentRecords.CountAsync(c => c.Granted));
        var thanks = await HttpSignIn.TextAsync(await client.GetAsync(location));
        Assert.Contains(registration.Reference, thanks, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, thanks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithBadFields_ShowsTheMessagesInFrenchAndSavesNothing()
    {
        var fields = Valid();
        fields["firstName"] = "";
        fields["email"] = "pas-un-courriel";
        fields["birthDate"] = "2030-01-01";
        fields.Remove("consent-case-management");

        var response = await PostAsync(App.CreateBrowserlikeClient(), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HttpSignIn.TextAsync(response);
        Assert.Contains("Ce courriel n'est pas valide", html, StringComparison.Ordinal);
        Assert.Contains("La date de naissance ne peut pas être dans le futur.", html, StringComparison.Ordinal);
        Assert.Contains("Ce consentement est nécessaire pour ouvrir votre dossier.", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"firstName-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Diallo\"", html, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Post_WithBadFields_TheSummaryNamesEachFieldLinksToItAndTakesTheFocus()
    {
        var fields = Valid();
        fields["firstName"] = "";
        fields["lastName"] = "";
        fields["email"] = "pas-un-courriel";
        fields.Remove("consent-case-management");

        var html = await HttpSignIn.TextAsync(await PostAsync(App.CreateBrowserlikeClient(), fields));

        var summary = SummaryOf(html);
        Assert.Contains("role=\"alert\"", summary, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"-1\"", summary, StringComparison.Ordinal);
        Assert.Contains("autofocus", summary, StringComparison.Ordinal);
        var links = SummaryLink().Matches(summary).Select(m => (Target: m.Groups[1].Value, Text: System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        // One line per field, in the form's order, each naming its field.
        Assert.Equal(["firstName", "lastName", "email", "consent-case-management"], links.Select(l => l.Target));
        Assert.Equal("Prénom : Obligatoire.", links[0].Text);
        Assert.Equal("Nom : Obligatoire.", links[1].Text);
        Assert.StartsWith("Courriel : Ce courriel n'est pas valide", links[2].Text, StringComparison.Ordinal);
        Assert.StartsWith("Ouverture et suivi de mon dossier : Ce consentement", links[3].Text, StringComparison.Ordinal);
        Assert.All(links, link => Assert.Contains($"id=\"{link.Target}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WithTheHoneypotFilled_ThanksButSavesNothing()
    {
        var fields = Valid();
        fields["website"] = "http://spam.example";

        var response = await PostAsync(App.CreateBrowserlikeClient(), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/inscription/merci?reference=INS-", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Households.CountAsync());
        Assert.Equal(0, await db.OutgoingEmails.CountAsync());
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = App.CreateBrowserlikeClient();
        var fields = Valid();
        fields["_handler"] = "register";

        var response = await client.PostAsync("/inscription", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Post_TwiceWithTheSameFormKey_MakesOneFile()
    {
        var client = App.CreateBrowserlikeClient();
        var fields = Valid();

        var first = await PostAsync(client, fields);
        var second = await PostAsync(client, fields, keepKey: true);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Post_TheSamePersonOnANewForm_ThanksWithTheFirstReferenceAndOpensNothing()
    {
        var client = App.CreateBrowserlikeClient();
        var first = await PostAsync(client, Valid());

        var again = await PostAsync(client, Valid());

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var reference = ReferenceOf(first.Headers.Location!.PathAndQuery);
        Assert.Equal($"/inscription/merci?reference={reference}&repeat=1", again.Headers.Location!.PathAndQuery);
        var thanks = await HttpSignIn.TextAsync(await client.GetAsync(again.Headers.Location));
        Assert.Contains(reference, thanks, StringComparison.Ordinal);
        Assert.Contains("Nous avions déjà reçu votre inscription", thanks, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Equal(1, await db.OutgoingEmails.CountAsync());
        Assert.Contains("formulaire en ligne", (await db.JournalEntries.SingleAsync()).Text, StringComparison.Ordinal);
    }

    private static string ReferenceOf(string location) => location.Split("reference=")[1][..12];

    [Fact]
    public async Task Post_MoreThanThePermitsFromOneAddress_IsRefusedWith429()
    {
        var client = App.CreateBrowserlikeClient();
        var fields = Valid();
        fields["website"] = "robot";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, fields)).StatusCode);
        }

        var refused = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop d'inscriptions", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inscription")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/api-keys", CaseManager.Data.Entities.Roles.Counsellor, false)]
    [InlineData("/admin/api-keys", CaseManager.Data.Entities.Roles.Supervisor, false)]
    [InlineData("/admin/api-keys", CaseManager.Data.Entities.Roles.Admin, true)]
    [InlineData("/supervision/duplicates", CaseManager.Data.Entities.Roles.Counsellor, false)]
    [InlineData("/supervision/duplicates", CaseManager.Data.Entities.Roles.Admin, false)]
    [InlineData("/supervision/duplicates", CaseManager.Data.Entities.Roles.Supervisor, true)]
    public async Task Get_IntakeStaffPages_ByRole(string path, string role, bool allowed)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, email, role, 1, role);
        }

        var client = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(client, email, TestUsers.Password)).StatusCode);

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Valid() => new()
    {
        ["firstName"] = "Amina",
        ["lastName"] = "Diallo",
        ["birthDate"] = "1990-04-02",
        ["frenchLevel"] = "Advanced",
        ["child1FirstName"] = "Awa",
        ["child1BirthDate"] = "2019-06-01",
        ["email"] = "amina.diallo@example.com",
        ["phone"] = "514 555-0101",
        ["immigrationStatus"] = "permanent-resident",
        ["region"] = "02",
        ["interest"] = "employment",
        ["heardFrom"] = "SocialMedia",
        ["consent-case-management"] = "true",
        ["consent-newsletter"] = "true",
    };

    private string? _formKey;

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, bool keepKey = false)
    {
        var form = await client.GetStringAsync("/inscription");
        var all = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["noticeVersion"] = "1",
        };
        _formKey = keepKey && _formKey is not null ? _formKey : FormKey().Match(form).Groups[1].Value;
        all["idempotencyKey"] = _formKey;
        return await client.PostAsync("/inscription", new FormUrlEncodedContent(all));
    }

    private static string SummaryOf(string html)
    {
        var start = html.IndexOf("id=\"register-errors\"", StringComparison.Ordinal);
        Assert.True(start > 0, "No error summary.");
        var open = html.LastIndexOf('<', start);
        return html[open..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<a href=\"/inscription#([^\"]+)\"[^>]*>([^<]+)</a>")]
    private static partial Regex SummaryLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"idempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
