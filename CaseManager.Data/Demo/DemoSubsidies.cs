using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Moving-subsidy applications for the demonstration, built through the domain for active files at
/// the subsidy stage: a draft, applications waiting (some for more than a week), one under review,
/// one sent back for information, approved, paid and refused ones. Most go to Bas-Saint-Laurent
/// (01), so the demo partner account reviews them; each is created by the file's counsellor and
/// decided by the demo partner, never by its creator. Each has a job offer and a lease (tiny PDFs).
/// </summary>
internal static class DemoSubsidies
{
    private static readonly byte[] DemoPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static readonly SubsidyStatus[] Plan =
    [
        SubsidyStatus.Submitted, SubsidyStatus.Submitted, SubsidyStatus.UnderReview, SubsidyStatus.InformationRequested,
        SubsidyStatus.Approved, SubsidyStatus.Paid, SubsidyStatus.Refused, SubsidyStatus.Draft, SubsidyStatus.Submitted, SubsidyStatus.Paid,
    ];

    public static async Task EnsureAsync(CaseManagerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.SubsidyApplications.AnyAsync(cancellationToken))
        {
            return;
        }

        var rules = await db.SubsidyRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= today)
            .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        var partner = await db.Users.AsNoTracking().Where(u => u.Email == DemoUsers.PartnerEmail).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (rules is null || partner is null)
        {
            return;
        }

        var households = await db.Households.AsNoTracking()
            .Where(h => h.Stage == Stage.MovingSubsidy && h.Status == CaseStatus.Active && h.AssignedCounsellorId != null)
            .OrderBy(h => h.FileNumber).Take(Plan.Length)
            .Select(h => new { h.Id, h.AssignedCounsellorId, h.ImmigrationStatusCode, Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count) })
            .ToListAsync(cancellationToken);
        var counsellorIds = households.Select(h => h.AssignedCounsellorId!).Distinct().ToList();
        var counsellors = await db.Users.AsNoTracking().Where(u => counsellorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var reviewer = new Actor(partner.Id, partner.DisplayName);
        for (var i = 0; i < households.Count; i++)
        {
            var household = households[i];
            var status = Plan[i];
            var creator = new Actor(household.AssignedCounsellorId!, counsellors.GetValueOrDefault(household.AssignedCounsellorId!, "Intervenante"));
            var startedOn = today.AddDays(-(4 + (i * 7)));
            ActionContext As(Actor actor, DateOnly day) => new(actor, ProgramCalendar.At(day, new TimeOnly(10, 0)), day);
            var region = i % 4 == 3 ? "02" : "01";
            var application = SubsidyApplication.Start(household.Id, new SubsidyApplicationDetails(
                region, region == "01" ? "Rimouski" : "Saguenay", startedOn.AddDays(45), 1800m + (i * 150m), "Offre d'emploi reçue dans la région; bail signé."), As(creator, startedOn));
            var documents = new[] { (SubsidyDocumentType.JobOffer, "offre-emploi.pdf"), (SubsidyDocumentType.Lease, "bail-signe.pdf") }
                .Select(d => new SubsidyDocument(application, d.Item1, d.Item2, "application/pdf", DemoPdf.Length, As(creator, startedOn)))
                .ToList();
            if (status != SubsidyStatus.Draft)
            {
                // The file's own facts, read as the application's evaluation reads them.
                var facts = new SubsidyFacts(
                    household.Size, household.ImmigrationStatusCode, region, new HashSet<SubsidyDocumentType> { SubsidyDocumentType.JobOffer, SubsidyDocumentType.Lease },
                    await WorkflowFactsQuery.ReadAsync(db, household.Id, cancellationToken),
                    await WorkflowFactsQuery.HistoryAsync(db, household.Id, cancellationToken),
                    EarlierSubsidies: 0, application.PlannedMoveOn, startedOn);
                var evaluation = SubsidyEvaluator.Evaluate(rules, facts);
                application.Submit(rules, household.Size, evaluation, As(creator, startedOn));
                var decidedOn = startedOn.AddDays(2);
                switch (status)
                {
                    case SubsidyStatus.UnderReview:
                        application.TakeForReview(As(reviewer, decidedOn));
                        break;
                    case SubsidyStatus.InformationRequested:
                        application.RequestInformation("Merci de joindre une preuve d'adresse à Rimouski.", As(reviewer, decidedOn));
                        break;
                    case SubsidyStatus.Approved:
                        application.Approve(evaluation.ComputedAmount, null, As(reviewer, decidedOn));
                        break;
                    case SubsidyStatus.Paid:
                        application.Approve(evaluation.ComputedAmount, null, As(reviewer, decidedOn));
                        application.RecordPayment(decidedOn.AddDays(1), evaluation.ComputedAmount, $"CHQ-{1000 + i}", As(creator, decidedOn.AddDays(1)));
                        break;
                    case SubsidyStatus.Refused:
                        application.Refuse(SubsidyRefusalReason.NotEligible, "Le statut d'immigration ne fait pas partie des statuts acceptés.", As(reviewer, decidedOn));
                        break;
                    case SubsidyStatus.Submitted:
                    case SubsidyStatus.Draft:
                    case SubsidyStatus.Withdrawn:
                        break;
                    default:
                        throw new InvalidOperationException($"No demo path to {status}.");
                }
            }

            db.ActingAs(As(creator, startedOn)).SubsidyApplications.Add(application);
            db.SubsidyDocuments.AddRange(documents);
            db.SubsidyDocumentContents.AddRange(documents.Select(d => new SubsidyDocumentContent { DocumentId = d.Id, Data = DemoPdf }));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
