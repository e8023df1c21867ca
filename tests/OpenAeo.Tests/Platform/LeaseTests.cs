namespace OpenAeo.Tests.Platform;

/// <summary>
/// Leases in the database (ADR 0019): one holder at a time whatever process asks, a holder that died freed at once on
/// its own host, a holder on another host until its lease expires.
/// </summary>
public sealed class LeaseTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_many_takers_at_once_one_holds_the_lease_and_the_others_are_told_who_since_when(string provider)
    {
        await using var app = (await OpenAeoApp.On(provider)).Started();
        var leases = app.Services.GetRequiredService<DatabaseLeases>();

        var attempts = await Task.WhenAll(
            Enumerable.Range(0, 16).Select(_ => Task.Run(() => leases.TryAcquireAsync("replication:JP", CancellationToken.None)))
        );

        attempts.Count(a => a.Acquired).ShouldBe(1);
        foreach (var lost in attempts.Where(a => !a.Acquired))
        {
            lost.Holder!.StartedAt.ShouldBe(app.Clock.GetUtcNow());
            lost.Holder.AlreadyRunning("Replication of JP")
                .ShouldBe($"Replication of JP is already running (started at 2026-03-02 09:00:00 UTC by {lost.Holder.Holder}).");
            lost.Holder.Holder.ShouldContain($"process {Environment.ProcessId} on {Environment.MachineName}");
        }

        (await leases.TryAcquireAsync("certification-jobs", CancellationToken.None)).Acquired.ShouldBeTrue("another name is another lease");
        await attempts.Single(a => a.Acquired).Held!.DisposeAsync();
        (await app.WithDb(db => db.Leases().CountAsync(l => l.Name == "replication:JP"))).ShouldBe(0);
        var again = await leases.TryAcquireAsync("replication:JP", CancellationToken.None);
        again.Acquired.ShouldBeTrue("a released lease is free");
        await again.Held!.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_lease_held_by_a_live_process_stays_its_own_and_is_taken_over_once_that_process_is_killed(string provider)
    {
        await using var app = (await OpenAeoApp.On(provider)).Started();
        var leases = app.Services.GetRequiredService<DatabaseLeases>();
        using var holder = new ForeignHolder();
        await holder.Holds(app, "replication:JP", "exchange pull", OpenAeoApp.Start.AddMinutes(-90));

        // Expired long ago, but its holder runs on this host: the lease is still its own.
        var refused = await leases.TryAcquireAsync("replication:JP", CancellationToken.None);
        refused.Acquired.ShouldBeFalse();
        refused
            .Holder!.AlreadyRunning("Replication of JP")
            .ShouldBe(
                "Replication of JP is already running (started at 2026-03-02 07:30:00 UTC by openaeo exchange "
                    + $"pull (process {holder.Id} on {Environment.MachineName}))."
            );

        await holder.KillAsync();
        var taken = await leases.TryAcquireAsync("replication:JP", CancellationToken.None);
        taken.Acquired.ShouldBeTrue("a killed holder frees its lease at once");
        var row = await app.WithDb(db => db.Leases().AsNoTracking().SingleAsync(l => l.Name == "replication:JP"));
        row.ProcessId.ShouldBe(Environment.ProcessId);
        row.StartedAt.ShouldBe(app.Clock.GetUtcNow());
        await taken.Held!.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_lease_from_another_host_lasts_until_it_expires_and_its_holder_then_finds_it_gone(string provider)
    {
        await using var app = (await OpenAeoApp.On(provider)).Started();
        var leases = app.Services.GetRequiredService<DatabaseLeases>();
        var first = await leases.TryAcquireAsync("certification-jobs", CancellationToken.None);
        first.Acquired.ShouldBeTrue();

        // Seen from another web node, this lease belongs to a host whose processes it cannot inspect.
        var now = app.Clock.GetUtcNow();
        await app.WithDb(db =>
            db.Leases().ExecuteUpdateAsync(s => s.SetProperty(l => l.Host, "web-node-b").SetProperty(l => l.ExpiresAt, now.AddSeconds(1)))
        );
        (await leases.TryAcquireAsync("certification-jobs", CancellationToken.None)).Acquired.ShouldBeFalse("not expired yet");

        // Its holder stopped renewing it (paused, cut off) and it ran out.
        await app.WithDb(db => db.Leases().ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now)));
        var second = await leases.TryAcquireAsync("certification-jobs", CancellationToken.None);
        second.Acquired.ShouldBeTrue("an expired lease of another host is taken over");

        // The first holder, back from its pause, must not commit over its successor.
        (await app.WithDb(db => first.Held!.StillHeldAsync(db, CancellationToken.None))).ShouldBeFalse();
        (await app.WithDb(db => second.Held!.StillHeldAsync(db, CancellationToken.None))).ShouldBeTrue();
        await first.Held!.DisposeAsync();
        (await app.WithDb(db => db.Leases().CountAsync())).ShouldBe(1, "the first holder's release leaves its successor's lease alone");
        (await leases.TryAcquireAsync("certification-jobs", CancellationToken.None)).Acquired.ShouldBeFalse();
        await second.Held!.DisposeAsync();
    }
}
