namespace CaseManager.Data.Entities;

/// <summary>
/// A role an active user holds right now (database view <c>access_active_roles</c>). The access
/// policy resolves the signed-in person from it, and the jobs' SQL that addresses people by role
/// reads the same view, so the two cannot disagree on who is active and in which role.
/// </summary>
public sealed class ActiveRole
{
    public string UserId { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>
/// An active partner user of an active regional partner, with the host regions it serves (view
/// <c>access_partner_users</c>): what a partner may see (its sessions, its stays, the subsidy
/// applications of its regions) is decided from these rows, in C# and in the jobs' SQL alike.
/// </summary>
public sealed class PartnerUser
{
    public string UserId { get; set; } = "";
    public Guid PartnerId { get; set; }
    public List<string> RegionCodes { get; set; } = [];
}
