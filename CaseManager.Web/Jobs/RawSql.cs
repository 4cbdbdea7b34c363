using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Rows from SQL that LINQ cannot say (<c>FOR UPDATE SKIP LOCKED</c>, <c>UPDATE … RETURNING</c>),
/// read on the DbContext's own connection and inside its current transaction.
/// </summary>
internal static class RawSql
{
    public static async Task<List<T>> QueryAsync<T>(
        this DatabaseFacade database, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var connection = database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.AddRange(parameters);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
