using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Operations;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.TimeRelease;

/// <summary>Ids of saved studies waiting to run, in the order they were saved.</summary>
internal sealed class StudyQueue
{
    private readonly Channel<long> channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(long id) => channel.Writer.TryWrite(id);

    public ChannelReader<long> Reader => channel.Reader;
}

/// <summary>
/// Runs saved studies one at a time in the web server (DuckDB already uses every core for one study), writing the
/// engine's progress to the study's row so the page can show it. Studies left queued or running by a stopped server
/// are picked up again at start.
/// </summary>
internal sealed class StudyRunner(
    IServiceProvider services,
    StudyQueue queue,
    StudyEngine engine,
    StudyInputs inputs,
    TimeProvider clock,
    ILogger<StudyRunner> log
) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            var unfinished = await db.SavedStudies()
                .Where(s => s.Status == StudyStatus.Queued || s.Status == StudyStatus.Running)
                .OrderBy(s => s.Id)
                .ToListAsync(stoppingToken);
            foreach (var study in unfinished.Where(s => s.Status == StudyStatus.Running))
            {
                study.Requeue();
            }

            await db.SaveChangesAsync(stoppingToken);
            foreach (var study in unfinished)
            {
                queue.Enqueue(study.Id);
            }
        }

        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Time release study {Id} could not be run", id);
            }
        }
    }

    private async Task RunAsync(long id, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var study = await db.SavedStudies().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (study is null || study.Status != StudyStatus.Queued)
        {
            return;
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
