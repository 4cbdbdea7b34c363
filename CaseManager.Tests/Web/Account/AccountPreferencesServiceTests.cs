using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Account;

public sealed class AccountPreferencesServiceTests(DatabaseFixture database) : DatabaseTest(database)
{
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);
    private UserIdentity _marie = UserIdentity.Anonymous;
    private UserIdentity _paul = UserIdentity.Anonymous;

    private AccountPreferencesService Service => new(Database.ContextFactory, TestAccess.Policy(Database.ContextFactory, _current), NullLogger<AccountPreferencesService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        _marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay");
        _paul = await TestUsers.CounsellorAsync(db, "Paul Nguyen", organizationId: 2);
        _current.User = _marie;
    }

    [Fact]
    public async Task GetAsync_NewAccount_ReceivesEachReminderByEmailAtItsAddress()
    {
        var preferences = await Service.GetAsync();

        Assert.Equal(new AccountPreferences(ReminderEmailMode.Immediate, "marie.tremblay@test.local"), preferences);
    }

    [Theory]
    [InlineData(ReminderEmailMode.DailyDigest)]
    [InlineData(ReminderEmailMode.None)]
    [InlineData(ReminderEmailMode.Immediate)]
    public async Task SaveReminderEmailsAsync_ChangesOnlyThePersonsOwnChoice(ReminderEmailMode mode)
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.ReminderEmails, ReminderEmailMode.None));
        }

        await Service.SaveReminderEmailsAsync(mode);

        Assert.Equal(mode, (await Service.GetAsync()).ReminderEmails);
        await using var check = Database.CreateDbContext();
        Assert.Equal(ReminderEmailMode.None, (await check.Users.SingleAsync(u => u.Id == _paul.Id)).ReminderEmails);
    }

    [Fact]
    public async Task SaveReminderEmailsAsync_SignedOut_IsRefused()
    {
        _current.User = UserIdentity.Anonymous;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveReminderEmailsAsync(ReminderEmailMode.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync());
    }

    [Fact]
    public async Task SaveReminderEmailsAsync_UnknownMode_IsRefusedAndChangesNothing()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Service.SaveReminderEmailsAsync((ReminderEmailMode)42));

        Assert.Equal(ReminderEmailMode.Immediate, (await Service.GetAsync()).ReminderEmails);
    }
}
