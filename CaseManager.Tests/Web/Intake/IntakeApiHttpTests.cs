using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Intake;

/// <summary>The intake API over HTTP on the real application: keys, idempotency, problem details, OpenAPI.</summary>
public sealed class IntakeApiHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
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
    public async Task Post_WithoutAKey_Is401AndMakesNoFile()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/registrations", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertFilesAsync(0);
    }

    [Fact]
    public async Task Post_WithAKeyRevokedByAnAdministrator_Is401()
    {
        var (id, secret) = await NewKeyAsync("Site web");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(secret, Body(), "a")).StatusCode);
        await using (var db = Database.CreateDbContext())
        {
            await db.IntakeApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow));
        }

        var response = await PostAsync(secret, Body(email: "autre@example.com"), "b");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertFilesAsync(1);
    }

    [Fact]
    public async Task Post_AValidRegistration_Is201WithItsReferenceAndARetryReturnsTheSameOne()
    {
        var (_, secret) = await NewKeyAsync("Campagne printemps");

        var first = await PostAsync(secret, Body(), "retry-1");
        var retried = await PostAsync(secret, Body(), "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.StartsWith("INS-", reference, StringComparison.Ordinal);
        Assert.Equal($"/api/registrations/{reference}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var again = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reference, again.GetProperty("reference").GetString());
        Assert.True(again.GetProperty("replayed").GetBoolean());
        await AssertFilesAsync(1);
        await using var db = Database.CreateDbContext();
        var household = await db.Households.SingleAsync();
        Assert.Equal(CaseManager.Domain.Households.RegistrationSource.Api, household.RegistrationSource);
        Assert.All(await db.ConsentRecords.ToListAsync(), c => Assert.Equal(CaseManager.Domain.Intake.ConsentSource.Api, c.Source));
    }

    [Fact]
    public async Task Post_TheSamePersonAgainWithAnotherKey_Is200WithTheFirstReceiptMarkedAsARepeat()
    {
        var (_, secret) = await NewKeyAsync("Campagne printemps");
        var first = await (await PostAsync(secret, Body(), "first")).Content.ReadFromJsonAsync<JsonElement>();

        var again = await PostAsync(secret, Body(phone: null), "second");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("reference").GetString(), receipt.GetProperty("reference").GetString());
        Assert.Equal(first.GetProperty("receivedAt").GetDateTimeOffset(), receipt.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.True(receipt.GetProperty("repeat").GetBoolean());
        Assert.False(receipt.GetProperty("replayed").GetBoolean());
        await AssertFilesAsync(1);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Assignments.CountAsync());
        Assert.Contains("API", (await db.JournalEntries.SingleAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TwoIdenticalRegistrationsAtOnce_OpenOneFile()
    {
        var (_, secret) = await NewKeyAsync("Campagne printemps");

        var responses = await Task.WhenAll(PostAsync(secret, Body(), null), PostAsync(secret, Body(), null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], responses.Select(r => r.StatusCode).Order());
        var references = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()));
        Assert.Single(references.Distinct());
        await AssertFilesAsync(1);
    }

    [Theory]
    [InlineData("en", "This idempotency key was already used for another registration.", "was used on")]
    [InlineData("fr", "Cette clé d'idempotence a déjà servi pour une autre inscription.", "a servi le")]
    public async Task Post_TheSameKeyWithAnotherBody_Is422NamingTheFirstRegistrationAndMakesNothing(string language, string title, string detail)
    {
        var (_, secret) = await NewKeyAsync("Campagne printemps");
        var first = await PostAsync(secret, Body(language: language), "same-key");
        var reference = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;

        var response = await PostAsync(secret, Body(email: "quelqu.un.autre@example.com", language: language), "same-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(reference, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("same-key", problem.GetProperty("idempotencyKey").GetString());
        Assert.Equal(reference, problem.GetProperty("reference").GetString());
        await AssertFilesAsync(1);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Registrations.CountAsync());
    }

    [Fact]
    public async Task Post_TheSameKeyWithTheSameContentInAnotherOrder_IsStillARetry()
    {
        var (_, secret) = await NewKeyAsync("Site web");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(secret, Body(), "order")).StatusCode);
        var reordered = JsonSerializer.Serialize(Body()).Replace(
            "\"consents\":{\"case-management\":true,\"newsletter\":true}", "\"consents\":{\"newsletter\":true,\"case-management\":true}", StringComparison.Ordinal);
        Assert.Contains("{\"newsletter\":true,", reordered, StringComparison.Ordinal);

        var retried = await PostAsync(secret, JsonDocument.Parse(reordered).RootElement, "order");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await AssertFilesAsync(1);
    }

    [Fact]
    public async Task Post_InvalidFieldsInEnglish_AreProblemDetailsInEnglishAndMakeNoFile()
    {
        var (_, secret) = await NewKeyAsync("Site web");
        var body = Body(email: "not-an-email", language: "en", requiredConsent: false);

        var response = await PostAsync(secret, body, "bad-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("This email is not valid", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("This consent is needed to open your file.", errors.GetProperty("consents.case-management")[0].GetString());
        await AssertFilesAsync(0);
    }

    [Fact]
    public async Task Post_InFrench_SaysItInFrench()
    {
        var (_, secret) = await NewKeyAsync("Site web");

        var response = await PostAsync(secret, Body(email: "", phone: null), null);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Indiquez un courriel ou un numéro de téléphone pour que nous puissions vous joindre.",
            problem.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task Post_NotJson_IsAProblemDetails400()
    {
        var (_, secret) = await NewKeyAsync("Site web");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", secret);

        var response = await App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GetOpenApi_DescribesThePostWithItsHeadersAndBody()
    {
        var response = await App.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var post = document.GetProperty("paths").GetProperty("/api/registrations").GetProperty("post");
        Assert.Contains("X-Api-Key", post.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ApiRegistration", out _));
    }

    [Fact]
    public async Task GetPrivacyNotice_InEnglish_GivesTheVersionAndPurposes()
    {
        var notice = await App.CreateClient().GetFromJsonAsync<JsonElement>("/api/privacy-notice?language=en");

        Assert.Equal(1, notice.GetProperty("version").GetInt32());
        Assert.Contains("Privacy officer", notice.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(notice.GetProperty("purposes").EnumerateArray(), p => p.GetProperty("code").GetString() == "case-management" && p.GetProperty("required").GetBoolean());
    }

    [Theory]
    [InlineData("children")]
    [InlineData("consents")]
    [InlineData("languages")]
    [InlineData("preferredRegions")]
    [InlineData("interests")]
    public async Task Post_AListSentAsNull_IsAnsweredNeverA500(string list)
    {
        var (_, secret) = await NewKeyAsync("Site web");
        var body = JsonSerializer.SerializeToNode(Body())!.AsObject();
        body[list] = null;

        var response = await PostAsync(secret, body, $"null-{list}");

        // A null list is an empty one: the registration is accepted, or refused for what it lacks.
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("frenchLevel", "999")]
    [InlineData("lastName", "\"Diallo\u202E\"")]
    [InlineData("birthDate", "\"0001-01-01\"")]
    public async Task Post_AnUnknownLevelAHiddenCharacterOrAYearOneBirthDate_IsRefusedWithProblemDetailsAndNoFile(string field, string json)
    {
        var (_, secret) = await NewKeyAsync("Site web");
        var body = JsonSerializer.SerializeToNode(Body())!.AsObject();
        body["primaryApplicant"]![field] = System.Text.Json.Nodes.JsonNode.Parse(json);

        var response = await PostAsync(secret, body, $"bad-{field}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertFilesAsync(0);
    }

    [Fact]
    public async Task Post_FiveThousandChildren_IsRefusedWithProblemDetailsAndNoFile()
    {
        var (_, secret) = await NewKeyAsync("Site web");
        var body = JsonSerializer.SerializeToNode(Body())!.AsObject();
        body["children"] = JsonSerializer.SerializeToNode(Enumerable.Range(0, 5_000).Select(i => new { firstName = $"Enfant{i}", birthDate = "2015-01-01" }));

        var response = await PostAsync(secret, body, "many-children");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertFilesAsync(0);
    }

    private async Task<HttpResponseMessage> PostAsync(string secret, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", secret);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await App.CreateClient().SendAsync(request);
    }

    private static object Body(string email = "amina.diallo@example.com", string? phone = "514 555-0101", string language = "fr", bool requiredConsent = true) => new
    {
        language,
        primaryApplicant = new { firstName = "Amina", lastName = "Diallo", birthDate = "1990-04-02", occupation = "Infirmière", frenchLevel = "Advanced" },
        children = new[] { new { firstName = "Awa", birthDate = "2019-06-01" } },
        email,
        phone,
        immigrationStatus = "permanent-resident",
        preferredRegions = new[] { "02" },
        interests = new[] { "employment" },
        heardFrom = "Website",
        noticeVersion = 1,
        consents = new Dictionary<string, bool> { ["case-management"] = requiredConsent, ["newsletter"] = true },
    };

    private async Task<(Guid Id, string Secret)> NewKeyAsync(string source)
    {
        var secret = IntakeApiKey.NewSecret();
        var key = new IntakeApiKey
        {
            Id = Guid.NewGuid(), Source = source, Prefix = secret[..8], Hash = IntakeApiKey.HashOf(secret),
            CreatedAt = DateTimeOffset.UtcNow, CreatedById = "admin", CreatedByName = "Admin",
        };
        await using var db = Database.CreateDbContext();
        db.IntakeApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (key.Id, secret);
    }

    private async Task AssertFilesAsync(int count)
    {
        await using var db = Database.CreateDbContext();
        Assert.Equal(count, await db.Households.CountAsync());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
