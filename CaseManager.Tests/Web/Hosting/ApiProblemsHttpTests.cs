using System.Net;
using System.Text;
using System.Text.Json;
using CaseManager.Tests.Support;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>Every error under /api is problem details, with a title in the person's language.</summary>
public sealed class ApiProblemsHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AnUnknownApiAddress_Is404ProblemDetailsInFrench()
    {
        var response = await App.CreateClient().GetAsync("/api/nothing-here", Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Cette adresse de l'API n'existe pas.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Get_AnUnknownApiAddressWithTheEnglishCookie_IsInEnglish()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-CA%7Cuic%3Den-CA");

        var problem = await AssertProblemAsync(await client.GetAsync("/api/nothing-here", Cancellation), HttpStatusCode.NotFound);

        Assert.Equal("This API address does not exist.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Send_AMethodTheRegistrationsDoNotAccept_Is405ProblemDetails(string method)
    {
        var response = await App.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/registrations"), Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Post_ARegistrationAsPlainText_IsAProblemNamingTheContentType()
    {
        var response = await App.CreateClient().PostAsync(
            "/api/registrations", new StringContent("{}", Encoding.UTF8, "text/plain"), Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
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
