using Microsoft.Extensions.Options;

namespace OpenAeo.Tests.Platform.Persistence;

/// <summary>
/// ADR 0078: a key many requests miss at once (a busy importer's TIN when its entry's time is up) is read from the database
/// once, and the others wait for that read; a read that fails, or one begun before a change here, is nobody else's answer.
/// </summary>
public sealed class A_key_missed_by_many_at_once_is_read_once
{
    private sealed class Reads
    {
        private int count;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => Volatile.Read(ref count);

        /// <summary>A load that counts itself, waits for the gate, and answers "key@n" (n: which read it was).</summary>
        public Func<List<string>, Task<Func<string, string>>> Load(bool fail = false) =>
            async keys =>
            {
                var n = Interlocked.Increment(ref count);
                await Gate.Task;
                return fail ? throw new InvalidOperationException("The database went away.") : key => $"{key}@{n}";
            };
    }

    private sealed record Kept(KeptPerKey<string, string> Cache, CachedDataVersion Version, Func<OpenAeoDb> Db, IServiceScope Scope)
        : IDisposable
    {
        public void Dispose() => Scope.Dispose();
    }

    private static async Task<Kept> Cache(OpenAeoApp app)
    {
        var version = app.Services.GetRequiredService<CachedDataVersion>();
        var options = app.Services.GetRequiredService<IOptions<CachingOptions>>().Value;
        var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();

        // The stamp is read now, so the requests below find the generation without a database read of their own.
        await version.CurrentAsync(() => db, CancellationToken.None);
        return new(new KeptPerKey<string, string>(version, app.Clock, options, 100, StringComparer.Ordinal), version, () => db, scope);
    }

    [Fact]
    public async Task Requests_that_miss_a_key_being_read_wait_for_that_read_and_get_its_value()
    {
        await using var app = await OpenAeoApp.On("Sqlite");
        using var cache = await Cache(app);
        var (kept, db) = (cache.Cache, cache.Db);
        var reads = new Reads();

        var requests = Enumerable.Range(0, 8).Select(_ => kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None)).ToList();
        reads.Count.ShouldBe(1, "the first request reads the key; the seven after it find the read under way");
        requests.ShouldAllBe(r => !r.IsCompleted);

        reads.Gate.SetResult();
        foreach (var answer in await Task.WhenAll(requests))
        {
            answer.ShouldBe(["TW1@1"]);
        }

        (await kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None)).ShouldBe(["TW1@1"]);
        reads.Count.ShouldBe(1, "what was read is kept");
    }

    [Fact]
    public async Task A_request_that_waited_for_a_read_that_failed_reads_the_key_itself()
    {
        await using var app = await OpenAeoApp.On("Sqlite");
        using var cache = await Cache(app);
        var (kept, db) = (cache.Cache, cache.Db);
        var reads = new Reads();

        var failing = kept.GetAsync(db, ["TW1"], reads.Load(fail: true), CancellationToken.None);
        var waiting = kept.GetAsync(db, ["TW1", "TW2"], reads.Load(), CancellationToken.None);
        reads.Count.ShouldBe(2, "TW2 is nobody else's read");

        reads.Gate.SetResult();
        (await Should.ThrowAsync<InvalidOperationException>(failing)).Message.ShouldBe("The database went away.");
        (await waiting).ShouldBe(["TW2@2", "TW1@3"], ignoreOrder: true);
        reads.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_read_begun_before_a_change_saved_here_is_not_the_answer_of_a_request_after_it()
    {
        await using var app = await OpenAeoApp.On("Sqlite");
        using var cache = await Cache(app);
        var (kept, version, db) = (cache.Cache, cache.Version, cache.Db);
        var reads = new Reads();

        var before = kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None);
        version.SavedHere();
        var after = kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None);
        reads.Count.ShouldBe(2, "the request after the change reads again");

        reads.Gate.SetResult();
        (await before).ShouldBe(["TW1@1"]);
        (await after).ShouldBe(["TW1@2"]);
        (await kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None)).ShouldBe(["TW1@2"]);
        reads.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_waiting_request_that_is_cancelled_stops_waiting_and_the_read_goes_on_for_the_others()
    {
        await using var app = await OpenAeoApp.On("Sqlite");
        using var cache = await Cache(app);
        var (kept, db) = (cache.Cache, cache.Db);
        var reads = new Reads();
        using var gone = new CancellationTokenSource();

        var reading = kept.GetAsync(db, ["TW1"], reads.Load(), CancellationToken.None);
        var cancelled = kept.GetAsync(db, ["TW1"], reads.Load(), gone.Token);
        await gone.CancelAsync();
        reads.Gate.SetResult();

        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        (await reading).ShouldBe(["TW1@1"]);
        reads.Count.ShouldBe(1);
    }
}
