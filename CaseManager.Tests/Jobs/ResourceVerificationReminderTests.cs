using CaseManager.Data.Entities;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Jobs;

public sealed class ResourceVerificationReminderTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private static readonly DateOnly Today = FixedContext.Today;

    private UserIdentity _admin = UserIdentity.Anonymous;

    private ResourceService Resources => new(Database.ContextFactory, Access, Clock, NullLogger<ResourceService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        _admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
        await DisableAllRulesBut(ReminderKind.ResourceVerificationDue);
    }

    private async Task<Guid> AddAsync(string name, DateOnly? verifiedOn, bool active = true)
    {
        Current.User = _admin;
        return await Resources.CreateAsync(new Resource { Name = name, RegionCode = "01", CategoryCode = "health", LastVerifiedOn = verifiedOn, IsActive = active });
    }

    [Fact]
    public async Task Sweep_ResourceNotVerifiedFor12Months_TellsTheAdministratorsOnce()
    {
        var due = await AddAsync("CLSC de Rimouski", Today.AddMonths(-12));
        await AddAsync("Verified last month", Today.AddMonths(-1));
        await AddAsync("Inactive", Today.AddYears(-3), active: false);

        var first = await Sweep.RunAsync(CancellationToken.None);
        var second = await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((ReminderKind.ResourceVerificationDue, due, (Guid?)null, Today), (reminder.Kind, reminder.SubjectId, reminder.HouseholdId, reminder.DueOn));
        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal((_admin.Id, ReminderKind.ResourceVerificationDue), (notification.UserId, notification.Kind));
        Current.User = _admin;
        var item = Assert.Single(await new NotificationService(Database.ContextFactory, Current, Clock).GetRecentAsync(10));
        Assert.Contains("CLSC de Rimouski", ReminderTexts.Line(item.Subject, System.Globalization.CultureInfo.GetCultureInfo("fr-CA")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_AfterTheResourceIsVerified_WaitsForTheNextDueDate()
    {
        var id = await AddAsync("CLSC", Today.AddMonths(-13));
        await Sweep.RunAsync(CancellationToken.None);
        await Resources.MarkVerifiedAsync(id, (await Resources.GetAsync(id)).Version);

        SetClock(Today.AddMonths(11));
        var beforeTheYear = await Sweep.RunAsync(CancellationToken.None);
        SetClock(Today.AddMonths(12));
        var onTheYear = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (beforeTheYear, onTheYear));
        Assert.Equal([Today.AddMonths(-13), Today], (await RemindersAsync()).Select(r => r.SubjectOn));
    }

    [Fact]
    public async Task Sweep_WithTheDelayRetimedTo6Months_UsesTheRule()
    {
        await SetRuleAsync(ReminderKind.ResourceVerificationDue, delay: 6);
        await AddAsync("CLSC", Today.AddMonths(-7));

        Assert.Equal(1, await Sweep.RunAsync(CancellationToken.None));
        Assert.Equal(1, (await Resources.SearchAsync(new ResourceQuery { VerificationDueOnly = true })).Total);
    }
}
