using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;

namespace CaseManager.Domain.Resources;

/// <summary>
/// A kind of regional resource (emploi, logement, francisation…), kept by administrators like the
/// other reference lists. <see cref="NeedCodes"/> are the needs domains it serves: matching a
/// household's needs to resources is this data, not code.
/// </summary>
public sealed class ResourceCategory : CodedItem
{
    public List<string> NeedCodes { get; set; } = [];
}

/// <summary>
/// A service, program or organization of a host region that a household may turn to once there
/// (ressource régionale). Administrators keep the directory; counsellors and supervisors read it,
/// suggest it and attach it to plan tasks. A resource is deactivated, never deleted.
/// </summary>
public sealed class Resource
{
    public const int MaxNameLength = 200;
    public const int MaxShortTextLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxWebsiteLength = 500;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Code of a <see cref="ResourceCategory"/>.</summary>
    public string CategoryCode { get; set; } = "";

    /// <summary>Code of the host region (see <see cref="Region"/>).</summary>
    public string RegionCode { get; set; } = "";

    public string? Municipality { get; set; }

    /// <summary>Who to ask for (a person or a desk).</summary>
    public string? ContactName { get; set; }

    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }

    /// <summary>Languages served, as ISO 639-1 codes ("fr", "en", "es"…).</summary>
    public List<string> LanguageCodes { get; set; } = [];

    /// <summary>Who may use the resource (free text).</summary>
    public string? Eligibility { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The day someone last checked the resource still exists as described.</summary>
    public DateOnly? LastVerifiedOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators editing the same resource.</summary>
    public uint Version { get; set; }

    /// <summary>
    /// The resource's own rules, as reason codes a person can read; an empty list means it may be
    /// saved. Whether the region and category exist is checked against the reference lists by
    /// <see cref="ResourceRules.Check"/>.
    /// </summary>
    public IReadOnlyList<Refusal> Validate()
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            refusals.Add(new("Resource.NameRequired"));
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            refusals.Add(new("Resource.TextTooLong", MaxNameLength));
        }

        if (string.IsNullOrWhiteSpace(CategoryCode))
        {
            refusals.Add(new("Resource.CategoryRequired"));
        }

        if (string.IsNullOrWhiteSpace(RegionCode))
        {
            refusals.Add(new("Resource.RegionRequired"));
        }

        if (TooLong(Municipality, MaxShortTextLength) || TooLong(ContactName, MaxShortTextLength))
        {
            refusals.Add(new("Resource.TextTooLong", MaxShortTextLength));
        }

        if (TooLong(Description, MaxTextLength) || TooLong(Eligibility, MaxTextLength))
        {
            refusals.Add(new("Resource.TextTooLong", MaxTextLength));
        }

        if (!string.IsNullOrWhiteSpace(Email) && !ContactRules.IsValidEmail(Email))
        {
            refusals.Add(new("Resource.EmailInvalid", Email.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Phone) && !ContactRules.IsValidPhone(Phone))
        {
            refusals.Add(new("Resource.PhoneInvalid", Phone.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Website) && !IsValidWebsite(Website))
        {
            refusals.Add(new("Resource.WebsiteInvalid", Website.Trim()));
        }

        foreach (var language in LanguageCodes ?? [])
        {
            if (!IsLanguageCode(language))
            {
                refusals.Add(new("Resource.LanguageInvalid", language.Trim()));
            }
        }

        return refusals.DistinctBy(r => r.ToString()).ToList();
    }

    /// <summary>A detached copy with its texts trimmed, blanks as none, email and phone in their stored form.</summary>
    public Resource Normalized() => new()
    {
        Id = Id,
        Name = Name?.Trim() ?? "",
        Description = Blank(Description),
        CategoryCode = CategoryCode?.Trim() ?? "",
        RegionCode = RegionCode?.Trim() ?? "",
        Municipality = Blank(Municipality),
        ContactName = Blank(ContactName),
        Email = !string.IsNullOrWhiteSpace(Email) && ContactRules.IsValidEmail(Email) ? ContactRules.NormalizeEmail(Email) : Blank(Email),
        Phone = !string.IsNullOrWhiteSpace(Phone) && ContactRules.IsValidPhone(Phone) ? ContactRules.NormalizePhone(Phone) : Blank(Phone),
        Website = Blank(Website),
        LanguageCodes = (LanguageCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList(),
        Eligibility = Blank(Eligibility),
        IsActive = IsActive,
        LastVerifiedOn = LastVerifiedOn,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Version = Version,
    };

    /// <summary>An absolute http(s) address with a host that has a dot ("https://cje.qc.ca").</summary>
    public static bool IsValidWebsite(string website)
    {
        var trimmed = website.Trim();
        return trimmed.Length <= MaxWebsiteLength
            && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal)
            && !trimmed.Contains(' ', StringComparison.Ordinal);
    }

    private static bool IsLanguageCode(string code)
    {
        var trimmed = code.Trim();
        return trimmed.Length is 2 or 3 && trimmed.All(char.IsAsciiLetter);
    }

    private static bool TooLong(string? text, int max) => text is not null && text.Trim().Length > max;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The rules a resource meets against the reference lists: a host region, a known active category.</summary>
public static class ResourceRules
{
    /// <summary>
    /// Every reason the (normalized) resource may not be saved: its own rules, then an unknown
    /// region (or one that receives no households) and an unknown category.
    /// </summary>
    public static IReadOnlyList<Refusal> Check(Resource resource, ISet<string> hostRegionCodes, ISet<string> categoryCodes)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var refusals = resource.Validate().ToList();
        if (!string.IsNullOrWhiteSpace(resource.RegionCode) && !hostRegionCodes.Contains(resource.RegionCode))
        {
            refusals.Add(new("Resource.UnknownRegion", resource.RegionCode));
        }

        if (!string.IsNullOrWhiteSpace(resource.CategoryCode) && !categoryCodes.Contains(resource.CategoryCode))
        {
            refusals.Add(new("Resource.UnknownCategory", resource.CategoryCode));
        }

        return refusals;
    }

    /// <summary>Whether a resource last verified on <paramref name="lastVerifiedOn"/> (or never) is due for verification.</summary>
    public static bool VerificationDue(DateOnly? lastVerifiedOn, DateOnly createdOn, DateOnly today, int months) =>
        (lastVerifiedOn ?? createdOn).AddMonths(months) <= today;
}
