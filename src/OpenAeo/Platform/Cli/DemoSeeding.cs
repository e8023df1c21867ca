using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.Platform.Cli;

/// <summary>Runs every capability's demo seeder in order; on the first Development start it runs once by itself.</summary>
internal static class DemoSeeding
{
    public const string DefaultPassword = "openaeo-demo";
    private const string SeededAction = "demo.seeded";

    public static async Task RunAsync(IServiceProvider services, string? password, TextWriter output, CancellationToken ct)
    {
        var chosen = password ?? services.GetRequiredService<IConfiguration>()["Demo:Password"] ?? DefaultPassword;
        foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var line in await seeder.SeedAsync(scope.ServiceProvider, chosen, ct))
            {
                output.WriteLine(line);
            }
        }

        await using var audit = services.CreateAsyncScope();
        var db = audit.ServiceProvider.GetRequiredService<OpenAeoDb>();
        db.Audit(services.GetRequiredService<TimeProvider>().GetUtcNow(), "system", SeededAction, "demo");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Seeds demo data on the first start in Development (<c>Demo:SeedOnFirstRun</c>), printing the accounts once.</summary>
    internal sealed class FirstRunInDevelopment : IStartupTask
    {
        public bool ServeOnly => true;

        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment() || !configuration.GetValue("Demo:SeedOnFirstRun", true))
            {
                return;
            }

            var db = services.GetRequiredService<OpenAeoDb>();
            if (await db.AuditEntries().AnyAsync(a => a.Action == SeededAction, ct))
            {
                return;
            }

            await DemoSeeding.RunAsync(services, null, Console.Out, ct);
        }
    }
}
