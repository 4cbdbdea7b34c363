using Bunit;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Notifications;

/// <summary>The bell rendered with bUnit, in French, over the real notification service and database.</summary>
public sealed class NotificationBellTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    /// <summary>Where the open menu's content is rendered.</summary>
    private IRenderedComponent<MudPopoverProvider> _menu = null!;

    private async Task<IRenderedComponent<NotificationBell>> RenderOpenAsync(int notifications)
    {
        await SetUpAsync();
        Services.AddScoped<NotificationService>();
        await using (var db = Database.CreateDbContext())
        {
            for (var i = 0; i < notifications; i++)
            {
                db.Notifications.Add(new Notification
                {
                    Id = Guid.NewGuid(), UserId = Marie.Id, Kind = ReminderKind.NoContact, DueOn = FixedContext.Today.AddDays(-i),
                    DedupKey = $"test-{i}", CreatedAt = FixedContext.Now.AddMinutes(-i).ToUniversalTime(),
                });
            }

            await db.SaveChangesAsync();
        }

        _menu = Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var bell = Render<NotificationBell>();
        // The bell renders again once its count is read: find the button and click it in one turn of the renderer.
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll(".mud-badge")));
        await bell.InvokeAsync(() => bell.FindAll("button").First(b => b.GetAttribute("aria-label") == "Notifications").ClickAsync(new()));
        return bell;
    }

    private async Task<DateTimeOffset?> DismissedAtAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Notifications.Where(n => n.DedupKey == "test-0").Select(n => n.DismissedAt).SingleAsync();
    }

    [Fact]
    public async Task Render_MoreUnreadThanShown_ShowsTheTrueCountNotTheListsLength()
    {
        var bell = await RenderOpenAsync(120);

        _menu.WaitForAssertion(() => Assert.Equal(20, _menu.FindAll("[data-testid=notification-item]").Count));
        Assert.Equal("99+", bell.Find(".mud-badge").TextContent.Trim());
        var counts = _menu.Find("[data-testid=notifications-counts]").TextContent;
        Assert.Contains("120 notification(s) non lue(s)", counts, StringComparison.Ordinal);
        Assert.Contains("les 20 plus récentes sur 120", counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismiss_SaysWhatWasDoneCountsDownAndUndoPutsItBack()
    {
        var bell = await RenderOpenAsync(25);
        _menu.WaitForAssertion(() => Assert.Equal(20, _menu.FindAll("[data-testid=notification-dismiss]").Count));

        await _menu.InvokeAsync(() => _menu.FindAll("[data-testid=notification-dismiss]")[0].ClickAsync(new()));

        _snackbars.WaitForAssertion(() => Assert.Contains("Notification ignorée.", _snackbars.Markup, StringComparison.Ordinal));
        _menu.WaitForAssertion(() => Assert.Contains("24 notification(s) non lue(s)", _menu.Find("[data-testid=notifications-counts]").TextContent, StringComparison.Ordinal));
        Assert.Equal("24", bell.Find(".mud-badge").TextContent.Trim());
        Assert.NotNull(await DismissedAtAsync());

        var undo = _snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "Annuler");
        await _snackbars.InvokeAsync(() => undo.ClickAsync(new()));

        _snackbars.WaitForAssertion(() => Assert.Contains("Notification remise comme avant.", _snackbars.Markup, StringComparison.Ordinal));
        bell.WaitForAssertion(() => Assert.Equal("25", bell.Find(".mud-badge").TextContent.Trim()));
        Assert.Null(await DismissedAtAsync());
    }

    [Fact]
    public async Task Snooze_SaysUntilWhenWithAnUndo()
    {
        var bell = await RenderOpenAsync(2);
        _menu.WaitForAssertion(() => Assert.Equal(2, _menu.FindAll("[data-testid=notification-snooze]").Count));

        await _menu.InvokeAsync(() => _menu.FindAll("[data-testid=notification-snooze]")[0].ClickAsync(new()));

        var tomorrow = FixedContext.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _snackbars.WaitForAssertion(() => Assert.Contains($"Notification reportée au {tomorrow} 08 h 00.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains(_snackbars.FindAll("button"), b => b.TextContent.Trim() == "Annuler");
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find(".mud-badge").TextContent.Trim()));
    }
}
