using CaseManager.Web.Features.Privacy.Anonymization;
using Hangfire;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Processes an approved anonymization run (its id is the only argument: nothing personal in
/// Hangfire's tables). Re-running it after a crash or a pause resumes with the files not yet done.
/// </summary>
public sealed class AnonymizationJob(HouseholdAnonymizer anonymizer)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await anonymizer.ProcessAsync(runId, HouseholdAnonymizer.DefaultBatchSize, null, cancellationToken);
}
