using Npgsql;

namespace CaseManager.Tests.Support;

/// <summary>
/// A new, empty database on the test script's cluster (no tables at all), dropped at the end: for
/// the tests of what happens on a database nothing has been done to yet.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private ScratchDatabase(string admin, string connectionString, string name)
    {
        _admin = admin;
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public static async Task<ScratchDatabase> CreateAsync(string testConnectionString)
    {
        var name = "casemanager_scratch_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(testConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var own = new NpgsqlConnectionStringBuilder(testConnectionString) { Database = name, Pooling = false }.ConnectionString;
        return new ScratchDatabase(admin, own, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
