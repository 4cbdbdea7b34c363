using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Tests.Support.Builders;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Privacy;

/// <summary>
/// A household with distinctive personal values in every area of its file (profile, members,
/// contact, consents, registration, session, stay and debrief, plan, journal, follow-up, outbox,
/// audit, rights request): what the export must hold and the anonymization must destroy.
/// </summary>
public static class FullHousehold
{
    public const string FirstName = "Zebulonia";
    public const string LastName = "Quixtrapode";
    public const string SpouseFirst = "Yvandrelle";
    public const string SpouseLast = "Brontivasque";
    public const string ChildName = "Xylopheana";
    public const string Email = "zebulonia.q@exemple-unique.test";
    public const string Address = "77 rue Qwertyuiop";
    public const string NewAddress = "12 avenue Qwertyzzz";
    public const string BirthDate = "1983-07-29";
    public const string NoteText = "Note interne Vlorpax sur la famille";
    public const string ContactText = "Appel Vlorpaxtwo au sujet du logement";
    public const string TaskTitle = "Tâche Gorblax";
    public const string TaskComment = "Commentaire Mizzlefrump";
    public const string GoalText = "But Plimbrot";
    public const string DebriefComment = "Bilan Snorfindel";
    public const string NextStep = "Étape Snorfindeltwo";
    public const string HeardFrom = "Entendu Wexmoor";
    public const string Reference = "REF-WEXMOORREF";
    public const string WithdrawalNote = "Retrait Fangorple";
    public const string StageComment = "Commentaire Drumblewick";
    public const string WaiverReason = "Dispense Krelloff";
    public const string FollowUpComment = "Suivi Trombulax";
    public const string AssignmentNote = "Note attribution Pexwiggle";
    public const string SessionTitle = "Séance Outaouais publique";
    public const string SubsidyExplanation = "Explication Quaffelnik du déménagement";
    public const string SubsidyMunicipality = "Plontexville";
    public const string SubsidyDocumentName = "bail-Vexnarbo.pdf";
    public const string SubsidyDocumentText = "Bail signé Dribblefax";
    public const string InformationRequest = "Précisez Hobnaggle";
    public const string DecisionComment = "Refus Glimmerquat";
    public const string AmountReason = "Montant Wuffelgrub";
    public const string PaymentReference = "PAIE-Tranzivok";

    /// <summary>The bytes of the subsidy document: a tiny PDF whose text names the person's lease.</summary>
    public static readonly byte[] SubsidyDocumentBytes = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n({SubsidyDocumentText})\n%%EOF\n");

    /// <summary>Every text value that must be gone from the database after anonymization (the file number and phone are added by the test; birth dates are date columns, checked apart).</summary>
    public static readonly string[] PersonalValues =
    [
        FirstName, LastName, SpouseFirst, SpouseLast, ChildName, Email, Address, NewAddress, "Vlorpax", "Gorblax",
        "Mizzlefrump", "Plimbrot", "Snorfindel", "Wexmoor", "Fangorple", "Drumblewick", "Krelloff", "Trombulax", "Pexwiggle",
        "Quaffelnik", SubsidyMunicipality, "Vexnarbo", "Dribblefax", "Hobnaggle", "Glimmerquat", "Wuffelgrub", "Tranzivok",
    ];

    public static HouseholdBuilder Shape(HouseholdBuilder builder) => builder
        .WithProfile(p => p.WithPrimaryApplicant(FirstName, LastName, DateOnly.Parse(BirthDate, System.Globalization.CultureInfo.InvariantCulture))
            .WithSpouse(SpouseFirst, SpouseLast, new DateOnly(1985, 2, 3))
            .WithChild(ChildName, new DateOnly(2015, 5, 6))
            .WithEmail(Email)
            .WithPhone("514 555-0199")
            .With(p => p.Contact.Address = Address)
            .WithPreferredRegions("07"));

    /// <summary>Adds every other kind of data to the saved household, as the features would have written it.</summary>
    public static async Task AddEverythingAsync(CaseManagerDbContext db, Household household, string counsellorId, string ownerEmail)
    {
        var id = household.Id;
        var now = FixedContext.Now.ToUniversalTime().AddDays(-10);
        var today = FixedContext.Today.AddDays(-10);

        // A profile change: the audit keeps the old and the new address.
        var tracked = await db.Households.SingleAsync(h => h.Id == id);
        var profile = tracked.ToProfile();
        profile.Contact.Address = NewAddress;
        tracked.UpdateProfile(profile, FixedContext.Default);
        await db.ActingAs(FixedContext.Default).SaveChangesAsync();

        var partner = Guid.NewGuid();
        var session = Guid.NewGuid();
        var stay = Guid.NewGuid();
        var debrief = Guid.NewGuid();
        var plan = Guid.NewGuid();
        var goal = Guid.NewGuid();
        var reminder = Guid.NewGuid();
        var fileNumber = household.FileNumber;
        var d = db.Database;
        await d.ExecuteSqlAsync($"""
            INSERT INTO journal_entries (id, household_id, kind, channel, occurred_at, text, author_id, author_name, created_at) VALUES
              ({Guid.NewGuid()}, {id}, 'Note', NULL, {now}, {NoteText}, {counsellorId}, 'Marie Tremblay', {now}),
              ({Guid.NewGuid()}, {id}, 'Contact', 'Phone', {now}, {ContactText}, {counsellorId}, 'Marie Tremblay', {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO consent_records (id, household_id, purpose_code, notice_version, granted, answered_at, source, withdrawn_at, withdrawn_by_id, withdrawn_by_name, withdrawal_note)
            SELECT gen_random_uuid(), {id}, code, 1, true, {now}, 'RegistrationForm', CASE WHEN is_required THEN NULL ELSE {now} END,
                   CASE WHEN is_required THEN NULL ELSE {counsellorId} END, CASE WHEN is_required THEN NULL ELSE 'Marie Tremblay' END,
                   CASE WHEN is_required THEN NULL ELSE {WithdrawalNote} END
            FROM consent_purposes
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO registrations (id, household_id, reference, source, scope, language, heard_from, heard_from_detail, interest_codes, notice_version, received_at)
            VALUES ({Guid.NewGuid()}, {id}, {Reference}, 'Website', 'web', 'fr-CA', 'Other', {HeardFrom}, ARRAY['employment'], 1, {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO regional_partners (id, name, region_codes, municipality, offer, is_active, contacts)
            VALUES ({partner}, 'Partenaire Outaouais', ARRAY['07'], 'Gatineau', NULL, true, '[]'::jsonb)
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO info_sessions (id, title, region_codes, partner_ids, starts_at, duration_minutes, format, language, capacity, status, created_at, created_by, updated_at)
            VALUES ({session}, {SessionTitle}, ARRAY['07'], ARRAY[{partner}], {now}, 90, 'Online', 'fr', 20, 'Held', {now}, 'x', {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO session_registrations (id, session_id, household_id, status, attendance, registered_at, registered_by)
            VALUES ({Guid.NewGuid()}, {session}, {id}, 'Registered', 'Present', {now}, 'Marie Tremblay')
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO stays (id, region_code, host_partner_id, start_on, end_on, status, created_by_id, created_at, updated_at, notes)
            VALUES ({stay}, '07', {partner}, {today}, {today.AddDays(2)}, 'Completed', {counsellorId}, {now}, {now}, {"Famille " + LastName + " logée chez l'hôte"})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO stay_participants (id, stay_id, household_id, people_count, attendance, added_at, added_by_id)
            VALUES ({Guid.NewGuid()}, {stay}, {id}, 4, 'Present', {now}, {counsellorId})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO stay_debriefs (id, stay_id, household_id, interest, job_leads, housing_leads, comment, recorded_at, recorded_by_id, recorded_by_name, updated_at)
            VALUES ({debrief}, {stay}, {id}, 4, 'Emploi Snorfindel', NULL, {DebriefComment}, {now}, {counsellorId}, 'Marie Tremblay', {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO stay_debrief_next_steps (id, debrief_id, household_id, text, sort_order) VALUES ({Guid.NewGuid()}, {debrief}, {id}, {NextStep}, 1)
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO stay_waivers (id, household_id, reason, recorded_on, recorded_by_name) VALUES ({Guid.NewGuid()}, {id}, {WaiverReason}, {today}, 'Marie Tremblay')
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO plans (id, household_id, target_region_codes, target_move_date, agreed_on, agreed_with, agreement_recorded_by, created_at, updated_at)
            VALUES ({plan}, {id}, ARRAY['07'], {today.AddDays(200)}, {today}, {FirstName + " " + LastName}, 'Marie Tremblay', {now}, {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO plan_goals (id, plan_id, household_id, need_code, description, status, sort_order, created_at)
            VALUES ({goal}, {plan}, {id}, 'employment', {GoalText}, 'Open', 1, {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO plan_tasks (id, goal_id, household_id, title, owner, due_on, status, comment, created_at)
            VALUES ({Guid.NewGuid()}, {goal}, {id}, {TaskTitle}, 'Household', {today.AddDays(5)}, 'ToDo', {TaskComment}, {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO plan_milestones (id, plan_id, household_id, title, "on", reached) VALUES ({Guid.NewGuid()}, {plan}, {id}, 'Jalon déménagement', {today.AddDays(100)}, false)
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO retention_checks (id, household_id, months_after, due_on, answered_on, still_in_region, working, housed, comment, answered_by, created_at)
            VALUES ({Guid.NewGuid()}, {id}, 3, {today}, {today}, true, true, true, {FollowUpComment}, 'Marie Tremblay', {now})
            """);
        await d.ExecuteSqlAsync($"UPDATE stage_transitions SET comment = {StageComment} WHERE household_id = {id} AND kind = 'Opened'");
        await d.ExecuteSqlAsync($"""
            INSERT INTO assignments (id, household_id, to_counsellor_id, organization_id, reason, note, by_user_id, by_user_name, at)
            VALUES ({Guid.NewGuid()}, {id}, {counsellorId}, 1, 'ChosenBySupervisor', {AssignmentNote}, {counsellorId}, 'Marie Tremblay', {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO reminders (id, kind, household_id, subject_id, due_on, subject_on, dedup_key, created_at)
            VALUES ({reminder}, 'NoContact', {id}, {id}, {today}, {today}, {"test:" + id}, {now})
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO notifications (id, user_id, kind, reminder_id, household_id, due_on, dedup_key, created_at)
            VALUES ({Guid.NewGuid()}, {counsellorId}, 'NoContact', {reminder}, {id}, {today}, {"test:n:" + id}, {now})
            """);
        var line = $"{fileNumber} · {LastName}, {FirstName} : aucun contact depuis 30 jours.";
        await d.ExecuteSqlAsync($"""
            INSERT INTO outgoing_emails (id, to_user_id, to_address, subject, text_body, html_body, dedup_key, created_at, attempts) VALUES
              ({Guid.NewGuid()}, NULL, {Email}, {"Bienvenue " + FirstName}, {"Bonjour " + FirstName + " " + LastName}, NULL, {"intake:" + id}, {now}, 0),
              ({Guid.NewGuid()}, {counsellorId}, {ownerEmail}, {"Rappel " + fileNumber}, {line}, {"<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>"}, {"notification:" + id}, {now}, 0)
            """);
        await d.ExecuteSqlAsync($"""
            INSERT INTO rights_requests (id, type, requester_name, requester_contact, household_id, received_on, due_on, status, notes, created_at, created_by_name, updated_at)
            VALUES ({Guid.NewGuid()}, 'Access', {FirstName + " " + LastName}, {Email}, {id}, {today}, {today.AddDays(30)}, 'Answered', {"Demande de " + LastName}, {now}, 'Claire', {now})
            """);

        await AddSubsidyApplicationsAsync(db, id, new Actor(counsellorId, "Marie Tremblay"));
    }

    /// <summary>
    /// Through the domain: a first application to Outaouais (explanation, municipality, a lease with
    /// its bytes, sent back for information, then refused with a comment), then a second one approved
    /// at another amount (with its reason) and paid (with its reference).
    /// </summary>
    private static async Task AddSubsidyApplicationsAsync(CaseManagerDbContext db, Guid householdId, Actor counsellor)
    {
        var reviewer = new Actor("reviewer-outaouais", "Paul Réviseur");
        ActionContext As(Actor actor, int daysAgo) => new(actor, FixedContext.At(FixedContext.Today.AddDays(-daysAgo)), FixedContext.Today.AddDays(-daysAgo));
        var rules = await db.SubsidyRuleSets.AsNoTracking().OrderBy(r => r.VersionNumber).FirstAsync();
        var details = new SubsidyApplicationDetails("07", SubsidyMunicipality, FixedContext.Today.AddDays(20), 2500m, SubsidyExplanation);
        var facts = SubsidyEvaluatorTests.Eligible() with { DestinationRegionCode = "07", PlannedMoveOn = details.PlannedMoveOn };

        var refused = SubsidyApplication.Start(householdId, details, As(counsellor, 40));
        var lease = new SubsidyDocument(refused, SubsidyDocumentType.Lease, SubsidyDocumentName, "application/pdf", SubsidyDocumentBytes.Length, As(counsellor, 40));
        refused.Submit(rules, 3, SubsidyEvaluator.Evaluate(rules, facts with { SubmittedOn = FixedContext.Today.AddDays(-40) }), As(counsellor, 40));
        refused.RequestInformation(InformationRequest, As(reviewer, 38));
        refused.Submit(rules, 3, SubsidyEvaluator.Evaluate(rules, facts with { SubmittedOn = FixedContext.Today.AddDays(-36) }), As(counsellor, 36));
        refused.Refuse(SubsidyRefusalReason.Other, DecisionComment, As(reviewer, 34));

        var paid = SubsidyApplication.Start(householdId, details, As(counsellor, 30));
        var evaluation = SubsidyEvaluator.Evaluate(rules, facts with { SubmittedOn = FixedContext.Today.AddDays(-30) });
        paid.Submit(rules, 3, evaluation, As(counsellor, 30));
        paid.Approve(evaluation.ComputedAmount - 100m, AmountReason, As(reviewer, 28));
        paid.RecordPayment(FixedContext.Today.AddDays(-26), evaluation.ComputedAmount - 100m, PaymentReference, As(counsellor, 26));

        db.ActingAs(As(counsellor, 26)).SubsidyApplications.AddRange(refused, paid);
        db.SubsidyDocuments.Add(lease);
        db.SubsidyDocumentContents.Add(new SubsidyDocumentContent { DocumentId = lease.Id, Data = SubsidyDocumentBytes });
        await db.SaveChangesAsync();
    }
}
