using System.CommandLine;

namespace OpenAeo.Platform.Cli;

/// <summary>Something a capability adds to <c>openaeo demo seed</c>.</summary>
internal interface IDemoSeeder
{
    /// <summary>Seeders run in ascending order (the registry first, since everything refers to operators).</summary>
    int Order { get; }

    /// <summary>Adds what is missing and returns lines to print.</summary>
    Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct);
}

internal static class PlatformCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var db = new Command("db", "Database maintenance.");
        var migrate = new Command("migrate", "Create or upgrade the database and load missing reference data (idempotent).");
        migrate.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                parse
                    .Out()
                    .WriteLine(
                        $"Database is up to date ({DatabaseSetup.Provider(scope.ServiceProvider.GetRequiredService<IConfiguration>())})."
                    );
                return 0;
            }
        );
        db.Subcommands.Add(migrate);
        root.Subcommands.Add(db);

        var demo = new Command("demo", "Demo data.");
        var password = new Option<string?>("--password")
        {
            Description = "Password for the demo accounts (default: Demo:Password, else 'openaeo-demo').",
        };
        var seed = new Command("seed", "Add demo operators, accounts and data for every capability (idempotent).") { password };
        seed.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await DemoSeeding.RunAsync(services, parse.GetValue(password), parse.Out(), ct);
                return 0;
            }
        );
        demo.Subcommands.Add(seed);
        root.Subcommands.Add(demo);
    }
}
