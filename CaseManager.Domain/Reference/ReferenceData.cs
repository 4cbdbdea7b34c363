namespace CaseManager.Domain.Reference;

/// <summary>One of Québec's 17 administrative regions; 15 of them receive households.</summary>
public sealed class Region
{
    public string Code { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameEn { get; set; } = "";
    public bool IsHostRegion { get; set; }

    public string Name(bool french) => french ? NameFr : NameEn;
}

/// <summary>One of the community organizations that run the program together.</summary>
public sealed class Organization
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>An item of a list an administrator configures: a stable code and its two labels.</summary>
public abstract class CodedItem
{
    public string Code { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string Name(bool french) => french ? NameFr : NameEn;
}

public sealed class NeedsDomain : CodedItem;

public sealed class WithdrawalReason : CodedItem;

public sealed class ImmigrationStatus : CodedItem;
