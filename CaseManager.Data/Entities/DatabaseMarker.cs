namespace CaseManager.Data.Entities;

/// <summary>
/// A fact about the database itself (table <c>database_markers</c>): the row <see cref="Demo"/>
/// says the demo data generator created this database, so the demo and benchmark verbs may write
/// into it. A production database has no such row.
/// </summary>
public sealed class DatabaseMarker
{
    public const string Demo = "demo";

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
