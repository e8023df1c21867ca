using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Our signed status log in the database (ADR 0008): entries, the hashes of every complete subtree, and signed tree
/// heads. Only inserts: there is no code path that updates or deletes a row of these tables.
/// </summary>
internal static class StatusLog
{
    public static async Task<long> SizeAsync(OpenAeoDb db, CancellationToken ct) =>
        await db.LogEntries().AnyAsync(ct) ? await db.LogEntries().MaxAsync(e => e.Index, ct) + 1 : 0;

    /// <summary>Any number that is not another advisory lock's: the log's single writer on PostgreSQL.</summary>
    private const long WriterLock = 0x4F_41_45_4F_5F_4C_4F_47; // "OAEO_LOG"

    /// <summary>
    /// Begins the transaction of one append and, on PostgreSQL, takes the log's writer lock in it (an advisory lock held
    /// until the transaction ends, also when its session dies): another node's publisher waits here and then reads what
    /// this one committed, so two nodes never both select the same events or number entries from the same size (ADR
    /// 0053). SQLite needs no lock: it has one writer, and a publisher that read before another's commit loses on the
    /// log's keys and rolls back whole (ADR 0013). Null on SQLite: the caller's <c>SaveChanges</c> is the transaction.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginAppendAsync(OpenAeoDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            return null;
        }

        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [WriterLock], ct);
        return transaction;
    }

    /// <summary>
    /// Stages entries (numbered from the current size) with the subtree nodes they complete and a new signed tree
    /// head, in the caller's unit of work: saved together or not at all. Returns the index of the first entry.
    /// </summary>
    public static async Task<long> AppendAsync(
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        IReadOnlyList<Func<long, StatusEntry>> entries,
        CancellationToken ct
    )
    {
        // Never a second history under another key (ADR 0053): checked once per process, inside the writer lock.
        await node.EnsureMaySignAsync(db, ct);
        var size = await SizeAsync(db, ct);
        var frontier = await FrontierAsync(db, size, ct);
        var leaves = new List<byte[]>(entries.Count);
        foreach (var make in entries)
        {
            var entry = make(size + leaves.Count);
            var json = entry.ToCanonicalJson();
            var leaf = MerkleTree.HashLeaf(json);
            db.LogEntries()
                .Add(
                    new LogEntry
                    {
                        Index = entry.Sequence,
                        Tin = entry.Tin.Value,
                        Json = Encoding.UTF8.GetString(json),
                        LeafHash = leaf,
                    }
                );
            leaves.Add(leaf);
        }

        var completed = new List<KeyValuePair<MerkleNode, byte[]>>();
        frontier = frontier.Append(leaves, completed);
        db.LogNodes()
            .AddRange(
                completed.Select(c => new LogNode
                {
                    Level = c.Key.Level,
                    Index = c.Key.Index,
                    Hash = c.Value,
                })
            );
        var head = SignedTreeHead.Sign(node.Economy, frontier.Size, frontier.RootHash(), clock.GetUtcNow(), node.Key);
        db.LogTreeHeads().Add(ToRow(head));
        return size;
    }

    /// <summary>The latest signed tree head; the empty tree's is signed and stored the first time it is asked for.</summary>
    public static async Task<SignedTreeHead> LatestAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.LogTreeHeads().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        if (row is not null)
        {
            return new SignedTreeHead(node.Log.LogId, node.Economy, row.TreeSize, row.RootHash, row.Timestamp, row.Signature);
        }

        await node.EnsureMaySignAsync(db, ct);
        var empty = SignedTreeHead.Sign(node.Economy, 0, MerkleTree.EmptyRoot, clock.GetUtcNow(), node.Key);
        db.LogTreeHeads().Add(ToRow(empty));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request signed the empty tree first; serve that one.
            db.ChangeTracker.Clear();
            return await LatestAsync(db, node, clock, ct);
        }

        return empty;
    }

    public static async Task<MerkleFrontier> FrontierAsync(OpenAeoDb db, long size, CancellationToken ct)
    {
        var nodes = await LoadNodesAsync(db, MerkleTree.NodesForRoot(size), ct);
        return MerkleFrontier.FromNodes(size, n => nodes[n]);
    }

    public static async Task<IReadOnlyList<byte[]>?> InclusionProofAsync(OpenAeoDb db, long index, long treeSize, CancellationToken ct)
    {
        var nodes = await LoadNodesAsync(db, MerkleTree.NodesForInclusionProof(index, treeSize), ct);
        var proof = MerkleTree.InclusionProof(index, treeSize, n => nodes[n]);
        return proof.IsOk ? proof.Value : null;
    }

    public static async Task<IReadOnlyList<byte[]>?> ConsistencyProofAsync(OpenAeoDb db, long first, long second, CancellationToken ct)
    {
        var nodes = await LoadNodesAsync(db, MerkleTree.NodesForConsistencyProof(first, second), ct);
        var proof = MerkleTree.ConsistencyProof(first, second, n => nodes[n]);
        return proof.IsOk ? proof.Value : null;
    }

    /// <summary>
    /// Checks the log end to end, every stored column against what it is derived from (issue 11): each entry's JSON is a
    /// status entry at its index, its stored leaf hash is the hash of that JSON and its stored <c>Tin</c> the entry's TIN;
    /// every stored subtree node equals the one rebuilt from the entries; every stored tree head's root is the root of the
    /// entries it covers and its signature verifies, and the latest covers the whole log. Then each partner's replica: its
    /// entries rebuild the root of the verified tree head and their stored <c>Tin</c> is their TIN. Returns the mismatches,
    /// each naming its entry, with the TINs whose status they make doubtful.
    /// </summary>
    public static async Task<LogVerification> VerifyAsync(OpenAeoDb db, NodeIdentity node, CancellationToken ct)
    {
        var problems = new List<string>();
        var suspects = new HashSet<string>(StringComparer.Ordinal);
        var wholeLog = false;
        var completed = new Dictionary<MerkleNode, byte[]>();
        var frontier = MerkleFrontier.Empty;
        const int Page = 10_000;
        for (long start = 0; ; start += Page)
        {
            var rows = await db.LogEntries()
                .AsNoTracking()
                .Where(e => e.Index >= start && e.Index < start + Page)
                .OrderBy(e => e.Index)
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }

            var leaves = new List<byte[]>(rows.Count);
            foreach (var row in rows)
            {
                if (row.Index != frontier.Size + leaves.Count)
                {
                    problems.Add($"Entry {frontier.Size + leaves.Count} is missing.");
                    return new LogVerification(problems, suspects, WholeLog: true);
                }

                var json = Encoding.UTF8.GetBytes(row.Json);
                var leaf = MerkleTree.HashLeaf(json);
                var rowProblems = RowProblems(row.Index, row.Tin, json, leaf, row.LeafHash, out var entry);
                if (rowProblems.Count > 0)
                {
                    // Both the TIN the row is found under and the TIN it speaks about may now get a wrong latest entry.
                    problems.AddRange(rowProblems);
                    suspects.Add(row.Tin);
                    if (entry is not null)
                    {
                        suspects.Add(entry.Tin.Value);
                    }

                    wholeLog |= entry is null;
                }

                leaves.Add(leaf);
            }

            frontier = frontier.Append(leaves, completed);
        }

        var stored = await db.LogNodes().AsNoTracking().ToListAsync(ct);
        foreach (var n in stored)
        {
            if (
                !completed.TryGetValue(new MerkleNode(n.Level, n.Index), out var expected)
                || !CryptographicOperations.FixedTimeEquals(expected, n.Hash)
            )
            {
                problems.Add($"Stored node (level {n.Level}, index {n.Index}) does not match the entries.");
            }
        }

        if (stored.Count != completed.Count)
        {
            problems.Add($"{completed.Count} subtree nodes rebuilt from the entries, {stored.Count} stored.");
        }

        var heads = await db.LogTreeHeads().AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct);
        foreach (var head in heads)
        {
            var sth = new SignedTreeHead(node.Log.LogId, node.Economy, head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
            if (!sth.Verify(node.Log.PublicKey))
            {
                problems.Add($"The signature of the tree head of size {head.TreeSize} does not verify with this node's key.");
            }

            if (head.TreeSize > frontier.Size)
            {
                problems.Add($"A tree head is for {head.TreeSize} entries; the log has {frontier.Size}.");
            }
            else if (
                !CryptographicOperations.FixedTimeEquals(
                    MerkleFrontier.FromNodes(head.TreeSize, n => completed[n]).RootHash(),
                    head.RootHash
                )
            )
            {
                problems.Add(
                    $"The root rebuilt from the first {head.TreeSize} entries is not the signed root of the tree head of that size."
                );
            }
        }

        if (heads.Count > 0 && heads[^1].TreeSize != frontier.Size)
        {
            problems.Add($"The latest tree head is for {heads[^1].TreeSize} entries; the log has {frontier.Size}.");
        }

        problems.AddRange(await VerifyReplicasAsync(db, ct));
        return new LogVerification(problems, suspects, wholeLog);
    }

    /// <summary>
    /// What is wrong with one stored entry row against the entry itself: its JSON must be a status entry at its index,
    /// about the TIN in its <c>Tin</c> column, hashing (<paramref name="leaf"/>) to its stored leaf hash. Empty when sound;
    /// <paramref name="entry"/> is the entry when its JSON reads as one.
    /// </summary>
    public static List<string> RowProblems(
        long index,
        string tinColumn,
        byte[] json,
        byte[] leaf,
        byte[] storedLeafHash,
        out StatusEntry? entry
    )
    {
        var problems = new List<string>();
        var parsed = StatusEntry.Parse(json);
        entry = parsed.IsOk ? parsed.Value : null;
        if (entry is null || entry.Sequence != index)
        {
            problems.Add($"Entry {index} is not a status entry at its index.");
        }

        if (entry is not null && entry.Tin.Value != tinColumn)
        {
            problems.Add(
                $"Entry {index}: its stored Tin column is {tinColumn}, the entry is about {entry.Tin.Value} (the column was altered)."
            );
        }

        if (!CryptographicOperations.FixedTimeEquals(leaf, storedLeafHash))
        {
            problems.Add($"Entry {index}: its JSON does not hash to its stored leaf hash (the entry was altered).");
        }

        return problems;
    }

    /// <summary>Each partner's replica against its verified tree head: the root its entries rebuild, and each stored Tin.</summary>
    private static async Task<List<string>> VerifyReplicasAsync(OpenAeoDb db, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (
            var partner in await db.Partners().AsNoTracking().Where(p => p.VerifiedTreeHead != null).OrderBy(p => p.Economy).ToListAsync(ct)
        )
        {
            var head = SignedTreeHead.Parse(Encoding.UTF8.GetBytes(partner.VerifiedTreeHead!));
            if (!head.IsOk)
            {
                problems.Add($"Replica of {partner.Economy}: its stored verified tree head is not readable.");
                continue;
            }

            var rows = await db.ReplicaEntries()
                .AsNoTracking()
                .Where(e => e.Partner == partner.Economy && e.Index < head.Value!.TreeSize)
                .OrderBy(e => e.Index)
                .ToListAsync(ct);
            var leaves = new List<byte[]>(rows.Count);
            foreach (var row in rows)
            {
                var json = Encoding.UTF8.GetBytes(row.Json);
                if (StatusEntry.Parse(json) is { IsOk: true } parsed && parsed.Value!.Tin.Value != row.Tin)
                {
                    problems.Add(
                        $"Replica of {partner.Economy}, entry {row.Index}: its stored Tin column is {row.Tin}, the "
                            + $"entry is about {parsed.Value.Tin.Value} (the column was altered)."
                    );
                }

                leaves.Add(MerkleTree.HashLeaf(json));
            }

            var frontier = MerkleFrontier.FromLeafHashes(leaves);
            if (rows.Count != head.Value!.TreeSize || rows.Select((r, i) => r.Index != i).Any(gap => gap))
            {
                problems.Add($"Replica of {partner.Economy}: {rows.Count} entries stored for a verified tree of {head.Value.TreeSize}.");
            }
            else if (!CryptographicOperations.FixedTimeEquals(frontier.RootHash(), head.Value.RootHash))
            {
                problems.Add(
                    $"Replica of {partner.Economy}: its {rows.Count} entries do not rebuild the verified root (a "
                        + "replicated entry was altered)."
                );
            }

            var storedFrontier = await db.ReplicaFrontier()
                .AsNoTracking()
                .Where(n => n.Partner == partner.Economy)
                .OrderBy(n => n.Position)
                .Select(n => n.Hash)
                .ToListAsync(ct);
            if (
                storedFrontier.Count != frontier.Hashes.Count
                || storedFrontier.Where((h, i) => !CryptographicOperations.FixedTimeEquals(h, frontier.Hashes[i])).Any()
            )
            {
                problems.Add($"Replica of {partner.Economy}: its stored frontier is not the one its entries rebuild.");
            }
        }

        return problems;
    }

    private static async Task<Dictionary<MerkleNode, byte[]>> LoadNodesAsync(
        OpenAeoDb db,
        IReadOnlyList<MerkleNode> wanted,
        CancellationToken ct
    )
    {
        var result = new Dictionary<MerkleNode, byte[]>();
        // At most ~2 log2(n) nodes: one small query per level keeps it index-friendly on both providers.
        foreach (var level in wanted.GroupBy(n => n.Level))
        {
            var indices = level.Select(n => n.Index).ToList();
            var lvl = level.Key;
            foreach (var row in await db.LogNodes().AsNoTracking().Where(n => n.Level == lvl && indices.Contains(n.Index)).ToListAsync(ct))
            {
                result[new MerkleNode(row.Level, row.Index)] = row.Hash;
            }
        }

        return result;
    }

    private static LogTreeHead ToRow(SignedTreeHead head) =>
        new()
        {
            TreeSize = head.TreeSize,
            RootHash = head.RootHash,
            Timestamp = head.Timestamp,
            Signature = head.Signature,
        };
}

/// <summary>The outcome of <see cref="StatusLog.VerifyAsync"/>: the problems, and whose status they make doubtful.</summary>
/// <param name="SuspectTins">TINs an altered entry was stored under or is about: their status is not served until the log verifies.</param>
/// <param name="WholeLog">True when an entry is missing or unreadable, so no TIN's latest entry can be vouched for.</param>
internal sealed record LogVerification(IReadOnlyList<string> Problems, IReadOnlySet<string> SuspectTins, bool WholeLog)
{
    public bool Sound => Problems.Count == 0;

    public bool Doubts(string tin) => WholeLog || SuspectTins.Contains(tin);
}

/// <summary>
/// The latest verification of the log in this host ("serve status from what verifies", issue 11): the exchange does not
/// serve the status of a TIN an altered entry touches until a later verification finds the log sound. One per host; a
/// verification that started earlier than the one recorded is ignored, so a slow run cannot overwrite a newer finding.
/// </summary>
internal sealed class LogSoundness
{
    private readonly Lock gate = new();
    private long started;
    private long recorded;
    private LogVerification? latest;

    public LogVerification? Latest
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    /// <summary>Verifies the log now and records the outcome, unless a verification that started later recorded first.</summary>
    public async Task<LogVerification> VerifyAsync(OpenAeoDb db, NodeIdentity node, CancellationToken ct)
    {
        long ticket;
        lock (gate)
        {
            ticket = ++started;
        }

        var outcome = await StatusLog.VerifyAsync(db, node, ct);
        lock (gate)
        {
            if (ticket > recorded)
            {
                (recorded, latest) = (ticket, outcome);
            }
        }

        return outcome;
    }
}

/// <summary>Verifies the log at start and every <c>Exchange:VerifyIntervalMinutes</c> (default 60; 0 = only when asked).</summary>
internal sealed class LogVerifierService(
    IServiceProvider services,
    LogSoundness soundness,
    IConfiguration configuration,
    ILogger<LogVerifierService> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Exchange:VerifyIntervalMinutes", 60.0);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var outcome = await soundness.VerifyAsync(
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    scope.ServiceProvider.GetRequiredService<NodeIdentity>(),
                    stoppingToken
                );
                foreach (var problem in outcome.Problems)
                {
                    log.LogError("The status log does not verify: {Problem}", problem);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Verifying the status log failed.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
