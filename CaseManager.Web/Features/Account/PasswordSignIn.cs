using System.Globalization;
using System.Resources;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using CaseManager.Web.Localization;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Account;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong email or password: the same answer whether the email is someone's or not.</summary>
    Failed,

    /// <summary>Too many failures from this address or on this email: try again after <see cref="SignInResult.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The right password of a deactivated account (said only to who knows the password).</summary>
    Deactivated,
}

public sealed record SignInResult(SignInOutcome Outcome, TimeSpan RetryAfter, ApplicationUser? User);

/// <summary>
/// The password sign-in. Whatever the email, the answer and the work are the same: one password
/// hash is verified (against a stand-in hash of the same cost for an email nobody has), failures
/// are counted under the email typed and the client's address (<see cref="SignInThrottler"/>), and a
/// throttled attempt is refused before any password is checked. Nothing locks an account: a browser
/// the person signed in from before (<see cref="KnownDevices"/>) is not slowed by anyone else's
/// failures, and the owner is told by email once per episode that someone is trying.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    StandInPasswordHash standIn,
    SignInThrottler throttle,
    KnownDevices devices,
    IDbContextFactory<CaseManagerDbContext> contexts,
    TimeProvider time,
    IBackgroundJobClient jobs,
    ILogger<PasswordSignIn> logger)
{
    private static readonly ResourceManager Texts = new(typeof(Strings));

    public async Task<SignInResult> SignInAsync(HttpContext context, string email, string password, bool persistent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = email.Trim();
        var user = await users.FindByEmailAsync(typed);
        var device = user is null ? null : devices.Read(context, user);
        var accountKey = SignInKey.Account(users.NormalizeEmail(typed) ?? typed);
        IReadOnlyList<SignInKey> keys = device is not null
            ? [SignInKey.Device(device.Id)]
            : [accountKey, SignInKey.Address(context.Connection.RemoteIpAddress)];

        var wait = await throttle.WaitAsync(keys, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Sign-in refused for {Wait} (throttled) from {Address}.", wait, context.Connection.RemoteIpAddress);
            return new SignInResult(SignInOutcome.Throttled, wait, null);
        }

        if (!await VerifyAsync(user, password))
        {
            var counted = await throttle.RecordFailureAsync(keys, cancellationToken);
            if (user is not null && counted.FirstOrDefault(c => c.Key == accountKey) is { } onAccount
                && await throttle.ClaimNoticeAsync(onAccount, cancellationToken))
            {
                await TellOwnerAsync(user, onAccount, cancellationToken);
            }

            return new SignInResult(SignInOutcome.Failed, TimeSpan.Zero, null);
        }

        if (!await signIn.CanSignInAsync(user!))
        {
            return new SignInResult(SignInOutcome.Deactivated, TimeSpan.Zero, null);
        }

        await signIn.SignInAsync(user!, persistent);
        devices.Remember(context, user!, device);
        logger.LogInformation("User {UserId} signed in ({Device}).", user!.Id, device is null ? "new device" : "known device");
        return new SignInResult(SignInOutcome.SignedIn, TimeSpan.Zero, user);
    }

    /// <summary>One hash verification in every case: the person's, or the stand-in's for an email nobody has (or an account without a password).</summary>
    private async Task<bool> VerifyAsync(ApplicationUser? user, string password)
    {
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), standIn.Hash, password);
            return false;
        }

        return await users.CheckPasswordAsync(user, password);
    }

    private async Task TellOwnerAsync(ApplicationUser user, SignInFailures failures, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            return;
        }

        var culture = CultureInfo.GetCultureInfo(AppCultures.Normalize(user.PreferredCulture));
        var since = AppClock.ToLocal(failures.FirstFailureAt);
        var composed = ParagraphEmail.Compose(
            Text("SignInAlert.Subject", culture),
            [
                Format("SignInAlert.Greeting", culture, user.DisplayName),
                Format("SignInAlert.What", culture, failures.Failures, since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    culture.TwoLetterISOLanguageName == "fr" ? since.ToString("HH' h 'mm", CultureInfo.InvariantCulture) : since.ToString("h:mm tt", culture)),
                Text("SignInAlert.Devices", culture),
                Text("SignInAlert.NotYou", culture),
            ],
            Text("SignInAlert.Signature", culture),
            culture);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.OutgoingEmails.Add(new OutgoingEmail
        {
            Id = Guid.CreateVersion7(now),
            ToUserId = user.Id,
            ToAddress = user.Email,
            Subject = composed.Subject,
            TextBody = composed.Text,
            HtmlBody = composed.Html,
            DedupKey = $"sign-in-throttled:{user.Id}:{failures.FirstFailureAt.UtcTicks}",
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        logger.LogWarning("Sign-in of user {UserId} throttled after {Failures} failures; the owner is told.", user.Id, failures.Failures);
    }

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in Strings.");

    private static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}

/// <summary>
/// A hash of a random password made once with Identity's hasher and the application's options (same format, same
/// iteration count as the people's hashes): verifying a password against it costs what verifying
/// a real one does.
/// </summary>
public sealed class StandInPasswordHash(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options)
{
    // Identity's hasher is scoped; the stand-in is made once, with the same algorithm and options as every account's hash.
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<ApplicationUser>(options)
        .HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public string Hash => _hash.Value;
}
