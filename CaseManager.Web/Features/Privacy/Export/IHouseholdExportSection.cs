using CaseManager.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy.Export;

/// <summary>Whether a section is what the person gave the program, or the program's own notes and inferences about them.</summary>
public enum ExportContent
{
    Provided,
    Internal,
}

/// <summary>
/// One table of an export: named columns, rows of plain values (strings, numbers, dates, booleans,
/// lists), and which columns hold codes (<see cref="Codes"/>: the archive writes their labels).
/// </summary>
public sealed record ExportTable(
    string Key, ExportContent Content, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyDictionary<string, ExportCode>? Codes = null)
{
    /// <summary>What the column at <paramref name="index"/> holds, when it holds codes.</summary>
    public ExportCode? CodeOf(int index) => Codes?.GetValueOrDefault(Columns[index]);
}

/// <summary>
/// One area of a household's file in the export for an access or portability request: becomes one
/// property of household.json and one CSV file. A new area (the moving subsidy's applications)
/// adds one section and registers it; nothing else changes.
/// </summary>
public interface IHouseholdExportSection
{
    /// <summary>Sections appear in this order in the archive and its summary.</summary>
    int Order { get; }

    /// <summary>The file name (without .csv) and the property of household.json: "members", "journal"…</summary>
    string Key { get; }

    ExportContent Content { get; }

    Task<ExportTable> ReadAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken);
}

/// <summary>A file of the archive besides the tables (a document's bytes), at <paramref name="Path"/> inside it.</summary>
public sealed record ExportFile(string Path, byte[] Content);

/// <summary>
/// A section whose rows stand for files (the subsidy's documents): the export writes their bytes in
/// the archive; the privacy officer's view, which reads only the tables, never loads them.
/// </summary>
public interface IHouseholdExportFiles
{
    Task<IReadOnlyList<ExportFile>> ReadFilesAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken);
}

/// <summary>A section read by one SQL query with the household's id as its only parameter (@id).</summary>
public abstract class SqlExportSection : IHouseholdExportSection
{
    public abstract int Order { get; }
    public abstract string Key { get; }
    public abstract ExportContent Content { get; }
    protected abstract string Sql { get; }

    /// <summary>The columns that hold codes (enum values, reference codes) and what kind each is.</summary>
    protected virtual IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>();

    public async Task<ExportTable> ReadAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, Sql, householdId, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new ExportTable(Key, Content, columns, rows, Codes);
    }

    /// <summary>A command on the context's connection (opened if needed) with the household's id as @id.</summary>
    protected static async Task<System.Data.Common.DbCommand> CommandAsync(CaseManagerDbContext db, string sql, Guid householdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = householdId;
        command.Parameters.Add(parameter);
        return command;
    }
}
