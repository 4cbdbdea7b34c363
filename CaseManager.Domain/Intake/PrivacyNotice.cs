namespace CaseManager.Domain.Intake;

/// <summary>
/// One version of the notice shown at collection (Québec Law 25, s. 8): purposes, who sees the
/// data, retention, rights and the privacy officer's contact, in French and English. A consent
/// records the version the person read; a new version never rewrites an older one.
/// </summary>
public sealed class PrivacyNotice
{
    public int Version { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string TitleFr { get; set; } = "";
    public string TitleEn { get; set; } = "";

    /// <summary>Paragraphs separated by blank lines; a line starting with "## " is a heading.</summary>
    public string TextFr { get; set; } = "";

    public string TextEn { get; set; } = "";

    public string Title(bool french) => french ? TitleFr : TitleEn;

    public string Text(bool french) => french ? TextFr : TextEn;
}

/// <summary>
/// A purpose a person consents to separately (case management, sharing with regional partners,
/// newsletter, research…). Data, so the program can add one; a required purpose is the reason the
/// file exists, and a registration without it is refused.
/// </summary>
public sealed class ConsentPurpose
{
    public string Code { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string DescriptionFr { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public bool IsRequired { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string Name(bool french) => french ? NameFr : NameEn;

    public string Description(bool french) => french ? DescriptionFr : DescriptionEn;
}
