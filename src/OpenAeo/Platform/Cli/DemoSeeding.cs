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
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var lines = await seeder.SeedAsync(scope.ServiceProvider, chosen, ct);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            for (var i = 0; i < lines.Count; i++)
            {
                // How long each part took (on the machine, not the story's clock): the first start waits for all of it.
                output.WriteLine(
                    i == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{lines[i]} ({took:0.0} s)") : lines[i]
                );
            }
        }

        // Recorded once: seeding again adds nothing, not even to the audit trail.
        await using var audit = services.CreateAsyncScope();
        var db = audit.ServiceProvider.GetRequiredService<OpenAeoDb>();
        if (!await db.AuditEntries().AnyAsync(a => a.Action == SeededAction, ct))
        {
            db.Audit(services.GetRequiredService<TimeProvider>().GetUtcNow(), "system", SeededAction, "demo");
            await db.SaveChangesAsync(ct);
        }
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

/// <summary>
/// The clock of a demo story: the use cases it drives take their time from it, so every record (events, audit
/// entries, notifications) carries the moment it happened in the story, never the system clock.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Runs the scripts of a demo story together in time order. A script is ordinary sequential code that waits for a
/// moment with <see cref="At"/>; the timeline resumes one script at a time, the earliest moment first (scripts that
/// wait for the same moment in the order they asked), with the clock set to that moment. What would happen after the
/// end (the real "now") never runs, so a story cut at "now" leaves each case in the state it has reached.
/// </summary>
/// <remarks>
/// Scripts share one unit of work: only one of them runs at any time, and <c>between</c> runs between two turns.
/// A script that throws stops the whole story with its exception.
/// </remarks>
internal sealed class DemoTimeline(DemoClock clock, Func<Task>? between = null)
{
    private readonly PriorityQueue<TaskCompletionSource, (DateTimeOffset At, long Order)> waiting = new();
    private long order;
    private TaskCompletionSource turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset Now => clock.Now;

    /// <summary>Waits until the story reaches <paramref name="at"/> (or continues at once, in turn, when that is now or earlier).</summary>
    public Task At(DateTimeOffset at)
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Enqueue(resume, (at < clock.Now ? clock.Now : at, order++));
        turn.TrySetResult();
        return resume.Task;
    }

    /// <summary>Starts every script, then resumes them in time order up to and including <paramref name="end"/>.</summary>
    /// <returns>How many turns ran.</returns>
    public async Task<int> RunAsync(IEnumerable<Func<DemoTimeline, Task>> scripts, DateTimeOffset end)
    {
        var turns = 0;
        foreach (var script in scripts)
        {
            await Turn(() => _ = Run(script));
        }

        while (waiting.TryPeek(out _, out var next) && next.At <= end)
        {
            var resume = waiting.Dequeue();
            clock.Now = next.At;
            if (between is not null)
            {
                await between();
            }

            await Turn(resume.SetResult);
            turns++;
        }

        return turns;
    }

    /// <summary>Lets one script run until it waits for a later moment, ends or fails.</summary>
    private async Task Turn(Action go)
    {
        var current = turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        go();
        await current.Task;
    }

    private async Task Run(Func<DemoTimeline, Task> script)
    {
        try
        {
            await script(this);
            turn.TrySetResult();
        }
        catch (Exception e)
        {
            turn.TrySetException(e);
        }
    }
}
