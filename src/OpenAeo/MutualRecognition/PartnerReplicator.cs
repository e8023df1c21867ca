using System.Text;
using System.Text.Json;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>The outcome of one round with one partner.</summary>
/// <param name="Raced">The round did not run, or applied nothing, because another one had the partner (ADR 0019); <see cref="Error"/> says
/// which and since when.</param>
internal sealed record PullResult(string Partner, PartnerHealth Health, long TreeSize, int NewEntries, string? Error, bool Raced = false)
{
    public bool Succeeded => Health == PartnerHealth.Healthy && !Raced;
}

/// <summary>
/// One replication round with a partner (status-exchange.md, "Replication"): fetch the signed tree head, the
/// consistency proof from our last verified head and the new entries page by page, let
/// <see cref="ReplicationRound"/> decide, and only on Accept commit the entries and the new verified state in the
/// transaction that staged them. Anything else rolls back: the replica stays at its last verified state, the partner
/// is marked Diverged (what it served cannot be trusted) or Unreachable (we could not ask), an alert is raised
/// (audit entry, notification to every admin, error log) and the next attempt backs off.
/// </summary>
/// <remarks>
/// Rounds with one partner are serialised across processes (the server's worker, <c>openaeo exchange pull</c>, the
/// API, other web nodes) by a lease in the database, <c>replication:XX</c> (ADR 0019): a second round finds it held
/// and answers "replication of JP is already running (started at …)" without touching anything. The database has
/// the last word too: a round commits only if the partner's verified head, key and standing are still the ones it
/// started from, so a round that outlived its lease, or raced a key change or a retirement, applies nothing.
/// </remarks>
internal sealed class PartnerReplicator(
    IHttpClientFactory http,
    PartnerKeys keys,
    TimeProvider clock,
    IConfiguration configuration,
    DatabaseLeases leases,
    ILogger<PartnerReplicator> log
)
{
    public const string HttpClientName = "exchange";

    public TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Exchange:PullIntervalSeconds", 300));

    public async Task<IReadOnlyList<PullResult>> PullAllAsync(OpenAeoDb db, bool dueOnly, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var economies = await db.Partners()
            .AsNoTracking()
            .Where(p => p.Health != PartnerHealth.Retired)
            .Where(p => !dueOnly || p.NextAttemptAt == null || p.NextAttemptAt <= now)
            .OrderBy(p => p.Economy)
            .Select(p => p.Economy)
            .ToListAsync(ct);
        var results = new List<PullResult>();
        foreach (var economy in economies)
        {
            results.Add(await PullAsync(db, economy, ct));
        }

        return results;
    }

    /// <summary>The lease that serialises replication of one partner.</summary>
    public static string LeaseName(string economy) => $"replication:{economy}";

    public async Task<PullResult> PullAsync(OpenAeoDb db, string economy, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var partner = await db.Partners().AsNoTracking().SingleAsync(p => p.Economy == economy, ct);
        if (partner.Health == PartnerHealth.Retired)
        {
            // Retirement ends replication; the replica stays as it was verified.
            return new PullResult(
                economy,
                PartnerHealth.Retired,
                partner.TreeSize,
                0,
                "Retired: not replicated any more; register it again to resume."
            );
        }

        var attempt = await leases.TryAcquireAsync(LeaseName(economy), ct);
        if (attempt.Held is not { } lease)
        {
            return new PullResult(
                economy,
                partner.Health,
                partner.TreeSize,
                0,
                attempt.Holder!.AlreadyRunning($"Replication of {economy}"),
                Raced: true
            );
        }

        await using (lease)
        {
            // Read again under the lease: the round that just finished may have moved the replica on.
            partner = await db.Partners().AsNoTracking().SingleAsync(p => p.Economy == economy, ct);
            if (partner.Health == PartnerHealth.Retired)
            {
                return new PullResult(
                    economy,
                    PartnerHealth.Retired,
                    partner.TreeSize,
                    0,
                    "Retired: not replicated any more; register it again to resume."
                );
            }

            return await RoundUnderLeaseAsync(db, partner, lease, ct);
        }
    }

    private async Task<PullResult> RoundUnderLeaseAsync(OpenAeoDb db, Partner partner, HeldLease lease, CancellationToken ct)
    {
        var economy = partner.Economy;
        string? unreachable = null;
        ReplicationDecision decision;
        var newEntries = 0;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                (decision, newEntries) = await RoundAsync(db, partner, ct);
            }
            catch (Exception e)
                when (e
                        is HttpRequestException
                            or TaskCanceledException
                            or ExchangeProtocolException
                            or JsonException
                            or KeyNotFoundException
                            or FormatException
                            or System.Security.Cryptography.CryptographicException
                    && !ct.IsCancellationRequested
                )
            {
                decision = null!;
                unreachable = e.Message;
            }

            if (unreachable is null && decision is ReplicationDecision.Accept accept)
            {
                if (!await lease.StillHeldAsync(db, ct) || !await ApplyAsync(db, partner, accept.State, ct))
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return await RacedAsync(db, partner, ct);
                }

                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                log.LogInformation(
                    "Replicated {Partner}: {Entries} new entries, tree size {Size}.",
                    economy,
                    newEntries,
                    accept.State.TreeHead.TreeSize
                );
                return new PullResult(economy, PartnerHealth.Healthy, accept.State.TreeHead.TreeSize, newEntries, null);
            }

            await transaction.RollbackAsync(ct);
        }
        catch (Exception e) when (DatabaseConflicts.Classify(e) is RaceLoss.Duplicate or RaceLoss.Changed)
        {
            // Another round staged the same entries and committed first (a lease outlived by a paused process, or a
            // node without leases): what it committed is verified; this round's copy is rolled back.
            db.ChangeTracker.Clear();
            return await RacedAsync(db, partner, ct);
        }

        db.ChangeTracker.Clear();
        var (health, error) = unreachable is not null
            ? (PartnerHealth.Unreachable, $"Unreachable: {unreachable}")
            : (
                PartnerHealth.Diverged,
                $"Diverged ({((ReplicationDecision.Diverged)decision).Reason}): {((ReplicationDecision.Diverged)decision).Detail}"
            );
        await MarkFailedAsync(db, economy, health, error, ct);
        return new PullResult(economy, health, partner.TreeSize, 0, error);
    }

    /// <summary>The partner moved on under this round (another round committed, its key changed, it was retired): nothing of this round was
    /// applied.</summary>
    private static async Task<PullResult> RacedAsync(OpenAeoDb db, Partner before, CancellationToken ct)
    {
        var now = await db.Partners().AsNoTracking().SingleAsync(p => p.Economy == before.Economy, ct);
        var what =
            now.Health == PartnerHealth.Retired ? "was retired"
            : !now.PublicKey.AsSpan().SequenceEqual(before.PublicKey) ? "got a new key"
            : $"was replicated by another process (tree size {now.TreeSize})";
        return new PullResult(
            before.Economy,
            now.Health,
            now.TreeSize,
            0,
            $"Replication of {before.Economy}: the partner {what} while this round ran; nothing of this round was applied.",
            Raced: true
        );
    }

    private async Task<(ReplicationDecision Decision, int NewEntries)> RoundAsync(OpenAeoDb db, Partner partner, CancellationToken ct)
    {
        var identity = LogIdentity.Create(partner.Economy, partner.PublicKey).Value!;

        // A partner registered over plain HTTP before it was refused: our API key is not sent in the clear.
        if (
            partner.BaseUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            && !configuration.GetValue(NodeIdentity.AllowPlainHttpSetting, false)
        )
        {
            throw new HttpRequestException(
                $"{partner.BaseUrl} is plain HTTP; change the partner's URL to https:// ("
                    + $"{NodeIdentity.AllowPlainHttpSetting}=true allows http:// on a closed test network)."
            );
        }

        using var client = http.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(partner.BaseUrl + "/exchange/v1/");
        client.DefaultRequestHeaders.Add("X-Api-Key", keys.Reveal(partner));

        var fetched = SignedTreeHead.Parse(await GetAsync(client, "sth", ct));
        if (!fetched.IsOk)
        {
            return (
                new ReplicationDecision.Diverged(
                    DivergenceReason.MalformedEntry,
                    $"The tree head is not readable: {fetched.Errors[0].Message}"
                ),
                0
            );
        }

        var last = await LastVerifiedAsync(db, partner, ct);
        var oldSize = last?.TreeHead.TreeSize ?? 0;
        IReadOnlyList<byte[]> proof = [];
        if (oldSize > 0 && fetched.Value!.TreeSize > oldSize)
        {
            using var document = JsonDocument.Parse(
                await GetAsync(client, $"proof/consistency?first={oldSize}&second={fetched.Value.TreeSize}", ct)
            );
            proof =
            [
                .. document.RootElement.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? "")),
            ];
        }

        var round = ReplicationRound.Start(identity, last, fetched.Value!, proof);
        // Rows past the verified size are leftovers nobody verified (a key change that raced a round, a replica from
        // before this safeguard): recognition already ignores them; this round replaces them.
        if (round.NextIndex < round.End)
        {
            await db.ReplicaEntries().Where(e => e.Partner == partner.Economy && e.Index >= oldSize).ExecuteDeleteAsync(ct);
        }

        var count = 0;
        while (round.Divergence is null && round.NextIndex < round.End)
        {
            var end = Math.Min(round.End, round.NextIndex + ExchangeApi.MaxPage);
            using var document = JsonDocument.Parse(await GetAsync(client, $"entries?start={round.NextIndex}&end={end}", ct));
            var served = document
                .RootElement.GetProperty("entries")
                .EnumerateArray()
                .Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e.GetProperty("entry").GetRawText()))
                .ToList();
            if (served.Count == 0)
            {
                break;
            }

            var page = round.Add(served);
            // Staged in the open transaction; committed only if Complete accepts.
            count += await db.InsertAsync(
                page.Select(e => new ReplicaEntry
                    {
                        Partner = partner.Economy,
                        Index = e.Index,
                        Tin = e.Entry.Tin.Value,
                        Json = Encoding.UTF8.GetString(e.CanonicalJson),
                    })
                    .ToList(),
                ct
            );
        }

        return (round.Complete(), count);
    }

    private static async Task<ReplicaState?> LastVerifiedAsync(OpenAeoDb db, Partner partner, CancellationToken ct)
    {
        if (partner.VerifiedTreeHead is null)
        {
            return null;
        }

        var head = SignedTreeHead.Parse(Encoding.UTF8.GetBytes(partner.VerifiedTreeHead)).Value!;
        var hashes = await db.ReplicaFrontier()
            .AsNoTracking()
            .Where(n => n.Partner == partner.Economy)
            .OrderBy(n => n.Position)
            .Select(n => n.Hash)
            .ToListAsync(ct);
        var frontier = MerkleFrontier.Create(head.TreeSize, hashes);
        var state = frontier.IsOk ? ReplicaState.Create(head, frontier.Value!) : Result<ReplicaState>.Fail(frontier.Errors);
        return state.IsOk
            ? state.Value
            : throw new ExchangeProtocolException($"The stored replica of {partner.Economy} is inconsistent: {state.Errors[0].Message}");
    }

    /// <summary>
    /// Stores the new verified state, only if the partner is still as the round found it (same verified head and key,
    /// not retired): a compare-and-set on the partner row, which on PostgreSQL also waits for a change in flight.
    /// </summary>
    private async Task<bool> ApplyAsync(OpenAeoDb db, Partner fetched, ReplicaState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var head = Encoding.UTF8.GetString(state.TreeHead.ToJson());
        var size = state.TreeHead.TreeSize;
        var next = now + Interval;
        var (economy, verified, key) = (fetched.Economy, fetched.VerifiedTreeHead, fetched.PublicKey);
        var updated = await db.Partners()
            .Where(p => p.Economy == economy && p.VerifiedTreeHead == verified && p.PublicKey == key && p.Health != PartnerHealth.Retired)
            .ExecuteUpdateAsync(
                u =>
                    u.SetProperty(p => p.VerifiedTreeHead, head)
                        .SetProperty(p => p.TreeSize, size)
                        .SetProperty(p => p.Health, PartnerHealth.Healthy)
                        .SetProperty(p => p.LastError, (string?)null)
                        .SetProperty(p => p.Failures, 0)
                        .SetProperty(p => p.LastAttemptAt, now)
                        .SetProperty(p => p.LastSuccessAt, now)
                        .SetProperty(p => p.NextAttemptAt, next),
                ct
            );
        if (updated != 1)
        {
            return false;
        }

        await db.ReplicaFrontier().Where(n => n.Partner == economy).ExecuteDeleteAsync(ct);
        db.ReplicaFrontier()
            .AddRange(
                state.Frontier.Hashes.Select(
                    (h, i) =>
                        new ReplicaFrontierNode
                        {
                            Partner = economy,
                            Position = i,
                            Hash = h,
                        }
                )
            );
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task MarkFailedAsync(OpenAeoDb db, string economy, PartnerHealth health, string error, CancellationToken ct)
    {
        var partner = await db.Partners().SingleAsync(p => p.Economy == economy, ct);
        var now = clock.GetUtcNow();
        var tellAdmins = partner.RecordFailure(health, error, now);
        db.Audit(
            now,
            "system",
            health == PartnerHealth.Diverged ? "partner.diverged" : "partner.unreachable",
            $"partner:{economy}",
            error,
            new { treeSize = partner.TreeSize, failures = partner.Failures }
        );
        if (tellAdmins)
        {
            var admins = await db.Users().AsNoTracking().Where(u => u.Role == Role.Admin).Select(u => u.Name).ToListAsync(ct);
            foreach (var admin in admins)
            {
                await db.NotifyOnceAsync(
                    Notification.Create(
                        Notification.ForUser(admin),
                        $"partner:{economy}:{health}:{partner.TreeSize}:{admin}",
                        $"Partner {economy} is {health}",
                        $"{error} The replica stays at its last verified tree head ({partner.TreeSize} entries).",
                        "/partners",
                        now,
                        NotificationKind.Notices
                    ),
                    ct
                );
            }
        }

        await db.SaveChangesAsync(ct);
        if (health == PartnerHealth.Diverged)
        {
            log.LogError("Partner {Partner} diverged; replica kept at tree size {Size}: {Error}", economy, partner.TreeSize, error);
        }
        else
        {
            log.LogWarning(
                "Partner {Partner} unreachable (attempt {Failures}, next at {Next}): {Error}",
                economy,
                partner.Failures,
                partner.NextAttemptAt,
                error
            );
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ExchangeProtocolException($"GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}

/// <summary>The partner's node answered, but not with what the protocol expects (an error status, a missing member).</summary>
internal sealed class ExchangeProtocolException(string message) : Exception(message);

/// <summary>Replicates every due partner on <c>Exchange:PullIntervalSeconds</c> (0 turns it off; the CLI and the API pull on
/// demand).</summary>
internal sealed class ReplicationService(IServiceProvider services, PartnerReplicator replicator, ILogger<ReplicationService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (replicator.Interval <= TimeSpan.Zero)
        {
            return;
        }

        // A short tick: each partner has its own next-attempt time (interval, or back-off after a failure).
        var tick = TimeSpan.FromSeconds(Math.Min(30, replicator.Interval.TotalSeconds));
        using var timer = new PeriodicTimer(tick);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                foreach (
                    var raced in (
                        await replicator.PullAllAsync(scope.ServiceProvider.GetRequiredService<OpenAeoDb>(), dueOnly: true, stoppingToken)
                    ).Where(r => r.Raced)
                )
                {
                    // Someone else (the CLI, another node) is replicating this partner: not a failure, nothing to alert.
                    log.LogInformation("{Message}", raced.Error);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Replication pass failed.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Publishes new certificate events every few seconds (<c>Exchange:PublishIntervalSeconds</c>, default 5; 0 = only on
/// demand).</summary>
internal sealed class PublisherService(IServiceProvider services, IConfiguration configuration, ILogger<PublisherService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Exchange:PublishIntervalSeconds", 5);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                await StatusPublisher.RunAsync(
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<NodeIdentity>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<PublicationMark>(),
                    stoppingToken
                );
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Publishing the status log failed.");
            }
        }
    }
}
