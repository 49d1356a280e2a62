using System.CommandLine;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare migrate --clickhouse URL [--clickhouse-database DB]</c>: applies the analytics schema's migrations and
/// exits, the one-shot job of a deployment (docker-compose's <c>chroniccare-migrate</c>) that runs before <c>run</c>,
/// <c>record</c> and <c>serve</c>. Idempotent: what is applied is recorded and skipped next time.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext cli)
    {
        var clickHouse = new Option<string>("--clickhouse") { Description = "ClickHouse HTTP URL (e.g. http://127.0.0.1:8123)", Required = true };
        var database = new Option<string>("--clickhouse-database") { Description = "ClickHouse database of the tables", DefaultValueFactory = _ => ClickHouseOptions.DefaultDatabase };
        var command = new Command("migrate", "Apply the ClickHouse analytics migrations and exit (idempotent; a deployment's one-shot job)")
        {
            clickHouse, database,
        };
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var options = new ClickHouseOptions { Url = ClickHouseOptions.ParseUrl(pr.GetValue(clickHouse)!), Database = pr.GetValue(database)! }.Validate();
            await using var store = new ClickHouseAnalyticsStore(options);
            await store.MigrateAsync(ct).ConfigureAwait(false);
            cli.Out.WriteLine($"clickhouse {options.Database}: migrated");
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
