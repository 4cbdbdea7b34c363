using System.Net;
using CaseManager.Tests.Support;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>The panel shown while the live connection is lost comes from the server, in the person's language.</summary>
public sealed class ReconnectPanelHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "Connexion au serveur perdue. Reconnexion en cours…", "Recharger la page")]
    [InlineData("en-CA", "Connection to the server lost. Reconnecting…", "Reload the page")]
    public async Task Get_AnyPage_CarriesTheReconnectionPanelInThePersonsLanguage(string? culture, string trying, string reload)
    {
        var client = App.CreateClient();
        if (culture is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login", Cancellation));

        Assert.Contains("id=\"components-reconnect-modal\"", html, StringComparison.Ordinal);
        Assert.Contains(trying, html, StringComparison.Ordinal);
        Assert.Contains(reload, html, StringComparison.Ordinal);
        Assert.Contains("reconnect", html[html.IndexOf("blazor.web.js", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TheReconnectionScript_IsServedAsJavaScript()
    {
        var response = await App.CreateClient().GetAsync("/reconnect.js", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Blazor.reconnect", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
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
