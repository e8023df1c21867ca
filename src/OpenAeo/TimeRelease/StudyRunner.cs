using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Operations;

namespace OpenAeo.TimeRelease;

/// <summary>Ids of saved studies waiting to run, in the order they were saved; an id already waiting is not queued twice.</summary>
internal sealed class StudyQueue
{
    private readonly Channel<long> channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> waiting = new();

    public void Enqueue(long id)
    {
        if (waiting.TryAdd(id, 0))
        {
            channel.Writer.TryWrite(id);
        }
    }

    public ChannelReader<long> Reader => channel.Reader;

    /// <summary>The runner took <paramref name="id"/> off the queue: a later rescan or rerun may queue it again.</summary>
    public void Taken(long id) => waiting.TryRemove(id, out _);
}

/// <summary>
/// Runs saved studies one at a time in the web server (DuckDB already uses every core for one study), writing the
/// engine's progress to the study's row so the page can show it. Each study runs once across the web nodes of one
/// database (ADR 0053): a runner claims a study by its lease (<c>trs-study:{id}</c>) before it starts it, so a node
/// never runs a study another live node runs. A study left queued or running by a stopped node is found at start and
/// on every rescan (<c>TimeRelease:RescanSeconds</c>, default 60) by every node, and the first to get its lease runs
/// it again (at once when its runner died on the same host, after the lease expired when on another).
/// </summary>
internal sealed class StudyRunner(
    IServiceProvider services,
    StudyQueue queue,
    StudyEngine engine,
    StudyInputs inputs,
    DatabaseLeases leases,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<StudyRunner> log
) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public static string LeaseName(long id) => $"trs-study:{id}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("TimeRelease:RescanSeconds", 60.0);
        var rescanning = seconds > 0 ? RescanAsync(TimeSpan.FromSeconds(seconds), stoppingToken) : Task.CompletedTask;
        await EnqueueUnfinishedAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            queue.Taken(id);
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Time release study {Id} could not be run", id);
            }
        }

        await rescanning;
    }

    /// <summary>Queues every study that is not finished; <see cref="RunAsync"/> skips those another runner holds.</summary>
    private async Task EnqueueUnfinishedAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        foreach (
            var id in await db.SavedStudies()
                .Where(s => s.Status == StudyStatus.Queued || s.Status == StudyStatus.Running)
                .OrderBy(s => s.Id)
                .Select(s => s.Id)
                .ToListAsync(ct)
        )
        {
            queue.Enqueue(id);
        }
    }

    /// <summary>Finds studies queued on another node, or left by a node that stopped, while this one runs.</summary>
    private async Task RescanAsync(TimeSpan every, CancellationToken ct)
    {
        // Real time, not the TimeProvider: how often a node looks for work is operations, not business time, and a
        // test clock moved by a year would fire this timer once a minute of that year.
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await EnqueueUnfinishedAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Looking for unfinished time release studies failed; trying again later");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(long id, CancellationToken ct)
    {
        var claim = await leases.TryAcquireAsync(LeaseName(id), ct);
        if (!claim.Acquired)
        {
            // Another node (or process) runs it now.
            return;
        }

        await using var held = claim.Held!;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var study = await db.SavedStudies().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (study is null || study.Status is not (StudyStatus.Queued or StudyStatus.Running))
        {
            return;
        }

        if (study.Status == StudyStatus.Running)
        {
            // Its runner is gone (this runner holds the study's lease now): run it again from the start.
            study.Requeue();
            log.LogWarning("Time release study {Id} was left running by a stopped runner; running it again", id);
        }

        study.Start(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        // Real elapsed time, not the clock's: the metric is about this machine's work, which a fake clock does not see.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var input = inputs.Find(study.InputSha256)
                ?? throw EventFile.Fail(study.InputFile, 0, "the input file is no longer stored; upload it again");
            var definition = JsonSerializer.Deserialize<StudyRequest>(study.Definition, ReportDocument.Json)!.Stored();
            if (!definition.IsOk)
            {
                throw EventFile.Fail(study.InputFile, 0, string.Join(" ", definition.Errors.Select(e => e.Message)));
            }

            var result = await Task.Run(
                () => RunStudy.Execute(engine, input.Path, study.Input, definition.Value!, study.Strict, Progress(id), ct),
                ct
            );
            study.Succeed(JsonSerializer.Serialize(result, ReportDocument.Json), clock.GetUtcNow());
        }
        catch (FileImportException e)
        {
            study.Fail(
                JsonSerializer.Serialize(
                    e.Errors.Select(x => new FileErrorJson(x.File, x.Line, x.Column, x.ColumnName, x.Message)),
                    ReportDocument.Json
                ),
                clock.GetUtcNow()
            );
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Time release study {Id} failed", id);
            study.Fail(
                JsonSerializer.Serialize(
                    new[] { new FileErrorJson(study.InputFile, 0, 0, null, "the study failed: " + e.Message) },
                    ReportDocument.Json
                ),
                clock.GetUtcNow()
            );
        }

        db.Audit(clock.GetUtcNow(), "system", "trs.study.finished", $"trs-study:{id}", null, new { status = study.Status.ToString() });
        await db.SaveChangesAsync(CancellationToken.None);
        OpenAeoMetrics.StudyDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("status", study.Status.ToString())
        );
    }

    /// <summary>Writes the latest step to the study's row at most once a second, from its own database context.</summary>
    private Progress<StudyProgress> Progress(long id)
    {
        var last = DateTimeOffset.MinValue;
        var gate = new object();
        return new Progress<StudyProgress>(p =>
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                if (now - last < ProgressInterval)
                {
                    return;
                }

                last = now;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                    await db.SavedStudies()
                        .Where(s => s.Id == id && s.Status == StudyStatus.Running)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.Step, p.Step).SetProperty(s => s.Percent, p.Percent));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Progress of time release study {Id} was not recorded", id);
                }
            });
        });
    }
}
