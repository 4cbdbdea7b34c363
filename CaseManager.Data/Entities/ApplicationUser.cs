using CaseManager.Domain.Reminders;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Data.Entities;

/// <summary>A person who signs in: counsellor, supervisor, partner, administrator or privacy officer.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? OrganizationId { get; set; }

    /// <summary>For a partner user (role Partner): the regional partner organization they belong to.</summary>
    public Guid? PartnerOrganizationId { get; set; }

    /// <summary>A deactivated user cannot sign in; their name stays on the files they touched.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>"fr-CA" or "en-CA": the language follows the person.</summary>
    public string PreferredCulture { get; set; } = "fr-CA";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Reminders by email: one each, a daily digest at 7 h, or none (in-app only).</summary>
    public ReminderEmailMode ReminderEmails { get; set; } = ReminderEmailMode.Immediate;

    /// <summary>A counsellor's capacity as a full-time equivalent (1.0, 0.6…): the distribution weighs their share by it; 0 receives no new file.</summary>
    public decimal Capacity { get; set; } = 1.0m;

    /// <summary>Languages the counsellor speaks (codes such as "fr", "es"): the distribution prefers them when the balance allows.</summary>
    public List<string> Languages { get; set; } = [];
}

public static class Roles
{
    public const string Counsellor = nameof(Counsellor);
    public const string Supervisor = nameof(Supervisor);
    public const string Partner = nameof(Partner);
    public const string Admin = nameof(Admin);
    public const string PrivacyOfficer = nameof(PrivacyOfficer);

    public static readonly IReadOnlyList<string> All = [Counsellor, Supervisor, Partner, Admin, PrivacyOfficer];
}
