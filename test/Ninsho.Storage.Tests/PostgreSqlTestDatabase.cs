using Npgsql;

namespace Ninsho.Storage.Tests;

/// <summary>A fresh PostgreSQL database for one test class, on the server named by <c>NINSHO_TEST_PG</c>
/// (see scripts/start-test-postgres.sh), dropped afterwards. Each test then works in a schema of its own.</summary>
public sealed class PostgreSqlTestDatabase : IAsyncLifetime
{
    public const string Variable = "NINSHO_TEST_PG";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private string? _name;

    /// <summary>The connection string of the class's database; null when <c>NINSHO_TEST_PG</c> is not set.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>The connection string, or the test skipped: skipped locally without <c>NINSHO_TEST_PG</c>, failed
    /// on CI (<c>CI=true</c>), where the PostgreSQL tests must run.</summary>
    public string ConnectionStringOrSkip()
    {
        if (ConnectionString is { } connection)
        {
            return connection;
        }

        Assert.False(
            string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            $"{Variable} is not set: CI must run the PostgreSQL tests.");
        Assert.Skip($"{Variable} is not set.");
        throw new System.Diagnostics.UnreachableException();
    }

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(_server))
        {
            return;
        }

        _name = $"ninsho_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        _ = await command.ExecuteNonQueryAsync();
    }
}
