using System.Collections.Concurrent;
using OpenAeo.Platform.Operations;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Group commit for hot inserts (issue 18, ADR 0057): callers hand over the new rows they make, one writer at a time
/// inserts what every waiting caller handed over in one transaction through the bulk path (past the change tracker,
/// ADR 0069), and each caller gets its own values back — or its own error. When a batch fails (one lodging's reference
/// taken, one row a constraint refuses), each of its writes is saved again on its own, so a failing write fails nobody
/// else. No background service: the first caller that finds nobody writing becomes the writer until the queue is empty,
/// in the server and in a command alike.
/// </summary>
internal sealed class BatchedWrites(IServiceScopeFactory scopes, ILogger<BatchedWrites> log)
{
    /// <summary>Enough to make one commit serve a burst, few enough that a batch's fall-back to single saves stays short.</summary>
    public const int MaxBatch = 64;

    /// <summary>Pages of write-ahead log (4 KiB each) the writer's commits let build up before one checkpoints them.</summary>
    public const int SqliteCheckpointPages = 10_000;

    private readonly ConcurrentQueue<Write> queue = new();
    private int writing;

    private sealed class Write(Func<NewRows, object?> stage)
    {
        public Func<NewRows, object?> Stage { get; } = stage;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Inserts the rows <paramref name="stage"/> adds (called again if its batch has to be written one write at a time: it
    /// must make new objects each call) and returns its value once committed. Cancelling stops the wait, not the write.
    /// </summary>
    public async Task<T> SaveAsync<T>(Func<NewRows, T> stage, CancellationToken ct)
    {
        var write = new Write(rows => stage(rows));
        queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return (T)(await write.Done.Task.WaitAsync(ct))!;
    }

    private async Task DrainAsync()
    {
        // One context and one open connection for as long as writes keep coming: a new scope a batch returned its connection
        // to the pool each time, and PostgreSQL then ran Npgsql's reset of the session (RESET ALL, DISCARD …) before the
        // next batch's statements (ADR 0073).
        await using var context = new WriterContext(scopes, log);
        while (true)
        {
            var batch = new List<Write>();
            while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                await context.CloseAsync();
                Volatile.Write(ref writing, 0);

                // A write queued after the last look but before the turn was given up would wait for nobody: take the turn back.
                if (queue.IsEmpty || Interlocked.CompareExchange(ref writing, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            if (!await SaveAsync(context, batch) && batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    await SaveAsync(context, [write]);
                }
            }
        }
    }

    /// <summary>
    /// The writer's context: made and opened at the first write after it was closed (inside that write's error handling), so
    /// its connection is opened once (and, on SQLite, the checkpoint setting made once) for a run of writes. Closed when the
    /// queue is empty and after a failed write, which may leave its connection in any state.
    /// </summary>
    private sealed class WriterContext(IServiceScopeFactory scopes, ILogger log) : IAsyncDisposable
    {
        private AsyncServiceScope? scope;
        private OpenAeoDb? db;

        public async Task<OpenAeoDb> OpenAsync()
        {
            if (db is not null)
            {
                return db;
            }

            scope = scopes.CreateAsyncScope();
            var opening = scope.Value.ServiceProvider.GetRequiredService<OpenAeoDb>();
            await opening.Database.OpenConnectionAsync(CancellationToken.None);
            if (opening.Database.IsSqlite())
            {
                // The writer's commits fill the write-ahead log fastest, so they run its checkpoints: at SQLite's default
                // (1,000 pages) a checkpoint every few dozen batches copied the same hot pages back into the database and
                // synced it each time, while every lodging waited (ADR 0069). A setting of the connection, which the pool keeps.
                await opening.Database.ExecuteSqlRawAsync($"PRAGMA wal_autocheckpoint = {SqliteCheckpointPages}", CancellationToken.None);
            }

            return db = opening;
        }

        public async Task CloseAsync()
        {
            if (scope is not { } open)
            {
                return;
            }

            (scope, db) = (null, null);
            try
            {
                await open.DisposeAsync();
            }
            catch (Exception e)
            {
                // The writer goes on with a new context; a connection that failed to close is the pool's to drop.
                log.LogWarning(e, "The shared writer's context could not be disposed.");
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync();
    }

    /// <summary>True when the batch is saved and every caller answered; false when it failed and has more than one write.</summary>
    private async Task<bool> SaveAsync(WriterContext context, List<Write> batch)
    {
        try
        {
            var db = await context.OpenAsync();
            var rows = new NewRows();
            var values = batch.Select(w => w.Stage(rows)).ToList();
            await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
            {
                await rows.InsertAsync(db, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }

            OpenAeoMetrics.WritesPerCommit.Record(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(values[i]);
            }

            return true;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            await context.CloseAsync();
            log.LogDebug(e, "A batch of {Count} writes failed; saving each on its own.", batch.Count);
            return false;
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            await context.CloseAsync();
            return true;
        }
    }
}
