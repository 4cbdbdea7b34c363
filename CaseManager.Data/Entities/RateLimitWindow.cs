namespace CaseManager.Data.Entities;

/// <summary>
/// How many permits one partition of a rate limit (a client address on the public form, an API
/// key on the intake API) has used in one fixed window. Kept in PostgreSQL so that every instance
/// of the application counts against the same figure; windows past their end are purged.
/// </summary>
public sealed class RateLimitWindow
{
    public const int MaxNameLength = 40;
    public const int MaxPartitionLength = 100;

    public string LimitName { get; set; } = "";
    public string PartitionKey { get; set; } = "";
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}
