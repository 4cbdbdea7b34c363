using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Data.Seed;
using CaseManager.Domain.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>CaseManager.Web create-admin --email x@y [--name "…"] [--language fr|en]</c>: creates the first
/// administrator (role Admin, active, no password) and prints a one-time link to the set-password
/// page (<c>App:BaseUrl</c> + <c>/account/set-password</c>, an Identity password-reset token, valid
/// <see cref="LinkLifetime"/>); also emails it when the SMTP server answers. Refuses when an
/// active administrator exists: the others are created from the users page.
/// </summary>
public static class CreateAdminCommand
{
    /// <summary>Identity's token lifespan (DataProtectionTokenProviderOptions) for the set-password link.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(1);

    private const string Usage = "Usage: CaseManager.Web create-admin --email person@example.org [--name \"Display name\"] [--language fr|en]";

    public static async Task RunAsync(WebApplication app, string[] args)
    {
        if (!TryParse(args, out var email, out var name, out var culture, out var problem))
        {
            Fail(problem + Environment.NewLine + Usage, 64);
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CaseManagerDbContext>();
        if ((await DatabaseInitializer.PendingMigrationsAsync(db)).Count > 0)
        {
            Fail("The database schema is behind: run the `migrate` command first.", 3);
            return;
        }

        // The roles are reference data: there on a migrated database, put back if missing.
        await ReferenceDataSeeder.SeedAsync(db);
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (admins.FirstOrDefault(u => u.IsActive) is { } existing)
        {
            Fail($"Refused: an active administrator already exists ({existing.Email}). Further accounts are created from the users page (/admin/users).", 5);
            return;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            Fail($"Refused: an account with the email {email} already exists (not an active administrator): give it the Admin role from the database or choose another email.", 6);
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            PreferredCulture = culture,
            IsActive = true,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var created = await users.CreateAsync(user);
            var inRole = created.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : created;
            if (!inRole.Succeeded)
            {
                Fail("The administrator could not be created: " + string.Join(" ", inRole.Errors.Select(e => e.Description)), 1);
                return;
            }

            await transaction.CommitAsync();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = services.GetRequiredService<AppLinks>().SetPassword(user.Id, token);
        Console.WriteLine($"Administrator created: {name} <{email}> (role {Roles.Admin}, no password yet).");
        Console.WriteLine($"One-time link to choose the password (valid {LinkLifetime.TotalHours:0} hours, once):");
        Console.WriteLine(link.AbsoluteUri);

        var mailed = await TryEmailAsync(services.GetRequiredService<SmtpSettings>(), user, link, culture);
        Console.WriteLine(mailed is null
            ? $"The link was also emailed to {email}."
            : $"The link could not be emailed ({mailed}): hand it over yourself, over a safe channel.");
        Environment.ExitCode = 0;
    }

    private static bool TryParse(string[] args, out string email, out string name, out string culture, out string problem)
    {
        email = "";
        name = "";
        culture = AppCultures.French;
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email" when value is not null:
                    email = value.Trim();
                    i++;
                    break;
                case "--name" when value is not null:
                    name = value.Trim();
                    i++;
                    break;
                case "--language" when value is "fr" or "en":
                    culture = value == "en" ? AppCultures.English : AppCultures.French;
                    i++;
                    break;
                case "--language":
                    problem = "--language is fr or en.";
                    return false;
                default:
                    problem = $"Unknown or incomplete argument: {args[i]}.";
                    return false;
            }
        }

        if (email.Length == 0)
        {
            problem = "--email is required.";
            return false;
        }

        if (!ContactRules.IsValidEmail(email))
        {
            problem = $"--email is not a valid email address ({email}).";
            return false;
        }

        if (name.Length == 0)
        {
            name = email[..email.IndexOf('@', StringComparison.Ordinal)];
        }

        return true;
    }

    /// <summary>Sends the link directly (no outbox: the operator learns at once whether it left). Null when sent, else why not.</summary>
    private static async Task<string?> TryEmailAsync(SmtpSettings smtp, ApplicationUser user, Uri link, string culture)
    {
        var french = culture == AppCultures.French;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email!));
        message.Subject = french ? "CaseManager : choisissez votre mot de passe" : "CaseManager: choose your password";
        message.Body = new TextPart("plain")
        {
            Text = french
                ? $"Bonjour,\n\nUn compte d'administrateur CaseManager a été créé pour vous. Choisissez votre mot de passe ici (lien valable {LinkLifetime.TotalHours:0} heures, une seule fois) :\n\n{link.AbsoluteUri}\n"
                : $"Hello,\n\nA CaseManager administrator account was created for you. Choose your password here (link valid {LinkLifetime.TotalHours:0} hours, once):\n\n{link.AbsoluteUri}\n",
        };
        try
        {
            using var client = new SmtpClient { Timeout = 10_000 };
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancel.Token);
            if (smtp.UserName is not null)
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancel.Token);
            }

            await client.SendAsync(message, cancel.Token);
            await client.DisconnectAsync(true, cancel.Token);
            return null;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
            or MailKit.CommandException or MailKit.Security.AuthenticationException or OperationCanceledException or TimeoutException)
        {
            return exception.Message;
        }
    }

    private static void Fail(string message, int exitCode)
    {
        Console.Error.WriteLine(message);
        Environment.ExitCode = exitCode;
    }
}
