using CaseManager.Web.Features.HouseholdSpace;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// Temporary, on this branch only: the entry page of the household's space, until the space's own
/// <see cref="IHouseholdLinks"/> (personal links) is merged and replaces this file.
/// </summary>
public sealed class SpaceEntryLinks(AppLinks links) : IHouseholdLinks
{
    public Task<Uri> IssueAsync(Guid householdId, string issuedBy, CancellationToken cancellationToken) =>
        Task.FromResult(new Uri(links.BaseUrl.AbsoluteUri.TrimEnd('/') + "/espace"));
}
