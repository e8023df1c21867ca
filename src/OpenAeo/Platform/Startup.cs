namespace OpenAeo.Platform;

/// <summary>Work that must be done before the app serves or a command runs (after migrations), in registration order.</summary>
internal interface IStartupTask
{
    /// <summary>True when the task belongs only to <c>serve</c> (e.g. demo data in Development).</summary>
    bool ServeOnly { get; }

    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

internal static class StartupTasks
{
    /// <summary>Migrates the database and runs the startup tasks; idempotent, so every start may call it.</summary>
    public static async Task RunAsync(IServiceProvider root, bool serving, CancellationToken ct)
    {
        await using var scope = root.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<OpenAeoDb>(), ct);
        // Serve-only tasks (demo data) come last: they rely on what the others load.
        foreach (
            var task in scope.ServiceProvider.GetServices<IStartupTask>().Where(t => serving || !t.ServeOnly).OrderBy(t => t.ServeOnly)
        )
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await task.RunAsync(scope.ServiceProvider, ct);
                    break;
                }
                catch (Exception e) when (DatabaseConflicts.Classify(e) is RaceLoss.Duplicate or RaceLoss.Changed && attempt < 5)
                {
                    // Another process started at the same moment (the server and a CLI verb on a new database) and loaded
                    // the same data first; running the idempotent task again finds it there.
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>().ChangeTracker.Clear();
                }
            }
        }
    }
}

/// <summary>Runs the startup tasks when the web host starts, before it accepts requests.</summary>
internal sealed class StartupTasksService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => StartupTasks.RunAsync(services, serving: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
