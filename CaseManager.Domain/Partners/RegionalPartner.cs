using CaseManager.Domain.Common;
using CaseManager.Domain.Households;

namespace CaseManager.Domain.Partners;

/// <summary>
/// A host organization in one or more of the 15 host regions (partenaire régional): it co-runs
/// information sessions and exploratory stays. Partner users (role Partner) belong to one.
/// An administrator keeps the directory; a partner is deactivated, never deleted.
/// </summary>
public sealed class RegionalPartner
{
    public const int MaxNameLength = 200;
    public const int MaxShortTextLength = 200;
    public const int MaxTextLength = 2000;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Codes of the host regions the partner serves (see <see cref="Reference.Region"/>).</summary>
    public List<string> RegionCodes { get; set; } = [];

    /// <summary>Where the partner is based, e.g. "Rimouski".</summary>
    public string? Municipality { get; set; }

    public List<PartnerContact> Contacts { get; set; } = [];

    /// <summary>What the partner offers households (free text, in the program's working language).</summary>
    public string? Offer { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators editing the same partner.</summary>
    public uint Version { get; set; }

    /// <summary>The partner's own rules; an empty list means it may be saved. Region codes are checked against the regions by the service.</summary>
    public IReadOnlyList<Refusal> Validate()
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            refusals.Add(new("Partner.NameRequired"));
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            refusals.Add(new("Partner.TextTooLong", MaxNameLength));
        }

        if (!RegionCodes.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            refusals.Add(new("Partner.RegionRequired"));
        }

        if (TooLong(Municipality, MaxShortTextLength))
        {
            refusals.Add(new("Partner.TextTooLong", MaxShortTextLength));
        }

        if (TooLong(Offer, MaxTextLength))
        {
            refusals.Add(new("Partner.TextTooLong", MaxTextLength));
        }

        foreach (var contact in Contacts)
        {
            if (string.IsNullOrWhiteSpace(contact.Name))
            {
                refusals.Add(new("Partner.ContactNameRequired"));
            }

            if (TooLong(contact.Name, MaxShortTextLength) || TooLong(contact.Role, MaxShortTextLength))
            {
                refusals.Add(new("Partner.TextTooLong", MaxShortTextLength));
            }

            if (!string.IsNullOrWhiteSpace(contact.Email) && !ContactRules.IsValidEmail(contact.Email))
            {
                refusals.Add(new("Partner.EmailInvalid", contact.Email.Trim()));
            }

            if (!string.IsNullOrWhiteSpace(contact.Phone) && !ContactRules.IsValidPhone(contact.Phone))
            {
                refusals.Add(new("Partner.PhoneInvalid", contact.Phone.Trim()));
            }
        }

        return refusals.DistinctBy(r => r.ToString()).ToList();
    }

    /// <summary>A detached copy with its texts trimmed, blank ones none, emails and phones in their stored form.</summary>
    public RegionalPartner Normalized() => new()
    {
        Id = Id,
        Name = Name?.Trim() ?? "",
        RegionCodes = (RegionCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().Order(StringComparer.Ordinal).ToList(),
        Municipality = Blank(Municipality),
        Offer = Blank(Offer),
        IsActive = IsActive,
        Version = Version,
        Contacts = (Contacts ?? []).Select(c => new PartnerContact
        {
            Name = c.Name?.Trim() ?? "",
            Role = Blank(c.Role),
            Email = !string.IsNullOrWhiteSpace(c.Email) && ContactRules.IsValidEmail(c.Email) ? ContactRules.NormalizeEmail(c.Email) : Blank(c.Email),
            Phone = !string.IsNullOrWhiteSpace(c.Phone) && ContactRules.IsValidPhone(c.Phone) ? ContactRules.NormalizePhone(c.Phone) : Blank(c.Phone),
        }).ToList(),
    };

    private static bool TooLong(string? text, int max) => text is not null && text.Trim().Length > max;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A person to reach at a partner organization.</summary>
public sealed class PartnerContact
{
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}
