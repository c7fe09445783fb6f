using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Server.Hosting;
using Ninsho.Storage.Sqlite;

namespace Ninsho.Server.Tests.InProcess;

/// <summary><c>--sqlite-synchronous</c> reaches the node's own SQLite connections. The node's connections go back to
/// Microsoft.Data.Sqlite's pool after a request, so the next connection this test opens with the same connection string
/// is one the node set up; the Normal case shows that (SQLite's own default would read 2).</summary>
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task The_option_reaches_the_nodes_connections(SqliteSynchronous synchronous, long expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = InProcessServer.With(o => o with { SqliteSynchronous = synchronous });
        await server.InitializeAsync();
        _ = await server.CallAsync("CreateUserPool", new { PoolName = "durable" });

        var file = Path.Combine(server.Services.GetRequiredService<NinshoServerOptions>().DataDirectory, "ninsho.db");
        await using var connection = new SqliteConnection(SqliteConnectionFactory.ConnectionStringForFile(file));
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(expected, Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
    }
}
