namespace CaseManager.Data.Migrations;

/// <summary>
/// The caseload's sort by name: the primary applicant's last and first names, then the file
/// number, with the status and id beside them, so a page's ids are read from the index alone.
/// Written in SQL because EF cannot declare it: the names belong to an owned type, whose index
/// cannot name the owner's columns.
/// </summary>
internal static class CaseloadNameIndex
{
    public const string Create = """
        CREATE INDEX ix_households_caseload_name
            ON households (primary_applicant_last_name, primary_applicant_first_name, file_number)
            INCLUDE (status, id);
        """;

    public const string Drop = "DROP INDEX IF EXISTS ix_households_caseload_name;";
}
