using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// STOP and START from the provider's webhook. STOP records the number's opt-out (no text message goes to
/// it again), fails what was still queued to it, and withdraws the text-message consent of every file with
/// that number, as the household's own withdrawal (its name in the audit, the keyword as the note): a
/// withdrawal is the person's right whatever the file's state. START lifts the opt-out only; the consent
/// stays withdrawn until the household gives it again.
/// </summary>
public sealed class TextMessageOptOuts(IDbContextFactory<CaseManagerDbContext> contexts, AppClock clock, ILogger<TextMessageOptOuts> logger)
{
    /// <summary>Records the STOP; returns how many files had a consent withdrawn.</summary>
    public async Task<int> StopAsync(string e164, string keyword, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e164);
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO text_message_opt_outs (phone_number, keyword, opted_out_at) VALUES (@number, @keyword, @now)
            ON CONFLICT (phone_number) DO UPDATE SET keyword = excluded.keyword, opted_out_at = excluded.opted_out_at
            """,
            [new NpgsqlParameter("number", e164), new NpgsqlParameter("keyword", keyword[..Math.Min(20, keyword.Length)]), new NpgsqlParameter("now", now)],
            cancellationToken);
        await db.OutgoingTextMessages.Where(m => m.ToNumber == e164 && m.Status == TextMessageStatus.Queued)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, TextMessageStatus.Failed)
                .SetProperty(m => m.StatusAt, now)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, "The number answered STOP."), cancellationToken);

        var households = await db.Database.QueryAsync(
            $"""
            SELECT h.id, h.primary_applicant_first_name || ' ' || h.primary_applicant_last_name
            FROM households h
            WHERE h.contact_phone IS NOT NULL AND {PhoneNumbers.E164Sql("h.contact_phone")} = @number
            ORDER BY h.id
            LIMIT 100
            """,
            reader => (Id: reader.GetGuid(0), Name: reader.GetString(1)),
            cancellationToken,
            new NpgsqlParameter("number", e164));
        var withdrawn = 0;
        foreach (var household in households)
        {
            var consents = await db.ConsentRecords
                .Where(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.TextMessagePurpose && c.Granted && c.WithdrawnAt == null)
                .ToListAsync(cancellationToken);
            if (consents.Count == 0)
            {
                continue;
            }

            // The household itself withdraws, by text message: recorded (and audited) as its own.
            var context = new ActionContext(new Actor(HouseholdActorId(household.Id), household.Name), now, AppClock.DateOf(now));
            db.ActingAs(context);
            foreach (var consent in consents)
            {
                consent.Withdraw(HouseholdRemindersText.Format("Consent.StopNote", System.Globalization.CultureInfo.GetCultureInfo(AppCultures.French), keyword), context);
            }

            await db.SaveChangesAsync(cancellationToken);
            withdrawn++;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("STOP recorded: {Files} file(s) withdrew their consent to text messages.", withdrawn);
        return withdrawn;
    }

    public async Task StartAsync(string e164, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TextMessageOptOuts.Where(o => o.PhoneNumber == e164).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>How the household appears as the one who acted, in the audit and on its consents.</summary>
    public static string HouseholdActorId(Guid householdId) => $"household:{householdId}";
}
