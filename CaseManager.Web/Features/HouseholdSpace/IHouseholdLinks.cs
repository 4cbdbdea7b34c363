namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>Issues a household's personal link to its space; a new link ends the household's earlier unused links.</summary>
public interface IHouseholdLinks
{
    /// <summary>A new personal link (an absolute address under App:BaseUrl) for the household, recorded as issued by <paramref name="issuedBy"/> (a user id, or a job's name).</summary>
    Task<Uri> IssueAsync(Guid householdId, string issuedBy, CancellationToken cancellationToken);
}
