using System.Security.Cryptography;
using System.Text.Json;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// What a replica holds for a partner's log once verified: the partner's last verified signed tree head and the
/// <see cref="MerkleFrontier"/> of that tree, computed here from the entries received. The frontier is what lets
/// the next round check new entries against the next root without reading the earlier ones.
/// </summary>
public sealed class ReplicaState
{
    private ReplicaState(SignedTreeHead treeHead, MerkleFrontier frontier)
    {
        TreeHead = treeHead;
        Frontier = frontier;
    }

    public SignedTreeHead TreeHead { get; }

    public MerkleFrontier Frontier { get; }

    /// <summary>Restores a stored state, checking that the frontier is that of the tree head (same size, same root).</summary>
    public static Result<ReplicaState> Create(SignedTreeHead treeHead, MerkleFrontier frontier)
    {
        if (frontier.Size != treeHead.TreeSize || !CryptographicOperations.FixedTimeEquals(frontier.RootHash(), treeHead.RootHash))
        {
            return new DomainError(
                "replica.frontier",
                $"The stored frontier ({frontier}) does not rebuild the stored tree head ({treeHead}); the replica needs a full re-sync."
            );
        }

        return Result<ReplicaState>.Ok(new ReplicaState(treeHead, frontier));
    }

    internal static ReplicaState Verified(SignedTreeHead treeHead, MerkleFrontier frontier) => new(treeHead, frontier);
}

/// <summary>One verified entry of a partner's log, ready to store in the replica.</summary>
/// <param name="Index">The entry's leaf index in the partner's log (equal to its <see cref="StatusEntry.Sequence"/>).</param>
/// <param name="CanonicalJson">The RFC 8785 form of the entry as served, whose leaf hash is in the partner's tree.</param>
public sealed record ReplicatedEntry(long Index, StatusEntry Entry, byte[] CanonicalJson, byte[] LeafHash);

/// <summary>Why a partner's log cannot be trusted any more; the replica stays at its last verified state.</summary>
public enum DivergenceReason
{
    /// <summary>The tree head is for another log: its log id is not the registered key's, or its economy is not the partner's.</summary>
    WrongLogId,

    /// <summary>The registered key did not sign the tree head.</summary>
    BadSignature,

    /// <summary>The log claims fewer entries than a tree head it signed before: it deleted history.</summary>
    TreeShrank,

    /// <summary>The consistency proof does not show the new tree extending the last verified one: history was rewritten.</summary>
    Inconsistent,

    /// <summary>The entries served for the new range do not hash to the signed root: they are not what was signed.</summary>
    EntriesDoNotRebuildRoot,

    /// <summary>An entry has no canonical form to hash, is not a status entry we can read, or claims another position in the log.</summary>
    MalformedEntry,
}

/// <summary>The outcome of one replication round: apply the entries, or mark the partner diverged.</summary>
public abstract record ReplicationDecision
{
    private ReplicationDecision() { }

    /// <summary>
    /// Everything verified: store <paramref name="Entries"/> and <paramref name="State"/> in one transaction. From
    /// <see cref="ReplicationRound.Complete"/> the entries are empty: <see cref="ReplicationRound.Add"/> returned them page by page.
    /// </summary>
    public sealed record Accept(ReplicaState State, IReadOnlyList<ReplicatedEntry> Entries) : ReplicationDecision;

    /// <summary>Keep the last verified state, mark the partner Diverged and raise an alert saying <paramref name="Detail"/>.</summary>
    public sealed record Diverged(DivergenceReason Reason, string Detail) : ReplicationDecision;
}

/// <summary>
/// Decides whether what a partner served in one round can be applied to its replica (status-exchange.md,
/// "Replication"): the tree head is the registered log's and correctly signed, it extends the last verified tree
/// (RFC 9162 §2.1.4 consistency), and the new entries, appended to the last verified tree, rebuild its root.
/// </summary>
/// <remarks>
/// The consistency proof and the rebuild overlap on purpose: rebuilding from our own frontier already implies the
/// new tree extends the old one, but the proof tells a rewritten history (<see cref="DivergenceReason.Inconsistent"/>)
/// apart from tampered entries (<see cref="DivergenceReason.EntriesDoNotRebuildRoot"/>), which an officer needs to know.
/// </remarks>
public static class Replication
{
    /// <summary>One round with all new entries at hand; for a large catch-up use <see cref="ReplicationRound"/> page by page.</summary>
    /// <param name="partner">The partner's registered identity (economy and public key).</param>
    /// <param name="last">The last verified state, or null before the first round.</param>
    /// <param name="fetched">The tree head just fetched.</param>
    /// <param name="consistencyProof">The proof from the last verified size to the fetched size; empty from size 0.</param>
    /// <param name="newEntries">The <c>entry</c> JSON of indices [last size, fetched size), in order, as served.</param>
    public static ReplicationDecision Decide(
        LogIdentity partner,
        ReplicaState? last,
        SignedTreeHead fetched,
        IReadOnlyList<byte[]> consistencyProof,
        IReadOnlyList<ReadOnlyMemory<byte>> newEntries
    )
    {
        var round = ReplicationRound.Begin(partner, last, fetched, consistencyProof, retainEntries: true);
        round.Add(newEntries);
        return round.Complete();
    }
}

/// <summary>
/// One replication round verified page by page, so that catching up a million entries needs neither a million
/// entries in memory nor a second pass: <see cref="Start"/> checks the tree head, <see cref="Add"/> hashes and reads
/// each page (the app stages what it returns in its open transaction), <see cref="Complete"/> decides. Only an
/// <see cref="ReplicationDecision.Accept"/> from Complete allows the transaction to commit.
/// </summary>
public sealed class ReplicationRound
{
    private readonly LogIdentity partner;
    private readonly SignedTreeHead fetched;
    private readonly long firstIndex;
    private readonly List<ReplicatedEntry>? retained;
    private MerkleFrontier frontier;
    private ReplicationDecision.Diverged? divergence;
    private string? firstUnreadable;

    private ReplicationRound(LogIdentity partner, SignedTreeHead fetched, MerkleFrontier frontier, bool retainEntries)
    {
        this.partner = partner;
        this.fetched = fetched;
        this.frontier = frontier;
        firstIndex = frontier.Size;
        retained = retainEntries ? [] : null;
    }

    /// <summary>The index of the next entry <see cref="Add"/> expects.</summary>
    public long NextIndex => frontier.Size;

    /// <summary>One past the last index of the round: the fetched tree size.</summary>
    public long End => fetched.TreeSize;

    /// <summary>Set as soon as the round cannot succeed; further pages are not needed.</summary>
    public ReplicationDecision.Diverged? Divergence => divergence;

    /// <summary>
    /// Checks the fetched tree head (log id, economy, signature, size, consistency proof) and opens the round; when a
    /// check fails, <see cref="Divergence"/> says why and no entries need fetching.
    /// </summary>
    /// <inheritdoc cref="Replication.Decide" path="/param"/>
    public static ReplicationRound Start(
        LogIdentity partner,
        ReplicaState? last,
        SignedTreeHead fetched,
        IReadOnlyList<byte[]> consistencyProof
    ) => Begin(partner, last, fetched, consistencyProof, retainEntries: false);

    internal static ReplicationRound Begin(
        LogIdentity partner,
        ReplicaState? last,
        SignedTreeHead fetched,
        IReadOnlyList<byte[]> consistencyProof,
        bool retainEntries
    )
    {
        var round = new ReplicationRound(partner, fetched, last?.Frontier ?? MerkleFrontier.Empty, retainEntries);
        round.divergence = CheckTreeHead(partner, last, fetched, consistencyProof);
        return round;
    }

    /// <summary>
    /// Hashes and reads the next served entries (<see cref="NextIndex"/> onwards, as served) and returns the readable
    /// ones to stage. Nothing returned here may be kept unless <see cref="Complete"/> accepts.
    /// </summary>
    public IReadOnlyList<ReplicatedEntry> Add(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        if (divergence is not null)
        {
            return [];
        }

        if (NextIndex + entries.Count > End)
        {
            divergence = Diverge(
                DivergenceReason.EntriesDoNotRebuildRoot,
                $"Entries [{firstIndex}, {End}) are {End - firstIndex} entries; more were served."
            );
            return [];
        }

        var page = new List<ReplicatedEntry>(entries.Count);
        var leafHashes = new List<byte[]>(entries.Count);
        foreach (var json in entries)
        {
            var index = NextIndex + leafHashes.Count;
            var (entry, canonical, problem) = Read(index, json);
            if (canonical is null)
            {
                // Without its canonical form an entry has no leaf hash, so the round cannot go on.
                divergence = Diverge(DivergenceReason.MalformedEntry, $"Entry {index}: {problem}");
                return [];
            }

            var leafHash = MerkleTree.HashLeaf(canonical);
            leafHashes.Add(leafHash);
            if (entry is null)
            {
                // Reported only if the entries do rebuild the root: a tampered entry is first of all a tampered entry.
                firstUnreadable ??= $"Entry {index}: {problem}";
                continue;
            }

            page.Add(new ReplicatedEntry(index, entry, canonical, leafHash));
        }

        frontier = frontier.Append(leafHashes);
        retained?.AddRange(page);
        return page;
    }

    /// <summary>Accept when every entry of the range arrived, they rebuild the signed root, and all are readable.</summary>
    public ReplicationDecision Complete()
    {
        if (divergence is not null)
        {
            return divergence;
        }

        if (NextIndex != End)
        {
            return Diverge(
                DivergenceReason.EntriesDoNotRebuildRoot,
                $"Entries [{firstIndex}, {End}) are {End - firstIndex} entries; {NextIndex - firstIndex} were served."
            );
        }

        if (!CryptographicOperations.FixedTimeEquals(frontier.RootHash(), fetched.RootHash))
        {
            return Diverge(
                DivergenceReason.EntriesDoNotRebuildRoot,
                $"Entries [{firstIndex}, {End}) do not hash to the signed root: they are not the entries {partner.Economy} signed."
            );
        }

        return firstUnreadable is not null
            ? Diverge(DivergenceReason.MalformedEntry, firstUnreadable)
            : new ReplicationDecision.Accept(ReplicaState.Verified(fetched, frontier), retained ?? []);
    }

    private static ReplicationDecision.Diverged? CheckTreeHead(
        LogIdentity partner,
        ReplicaState? last,
        SignedTreeHead fetched,
        IReadOnlyList<byte[]> consistencyProof
    )
    {
        if (!fetched.IsFromLog(partner.PublicKey) || !string.Equals(fetched.Economy, partner.Economy, StringComparison.Ordinal))
        {
            return Diverge(
                DivergenceReason.WrongLogId,
                $"The tree head is for log {Convert.ToBase64String(fetched.LogId)} of {fetched.Economy}; "
                    + $"{partner.Economy}'s registered log is {Convert.ToBase64String(partner.LogId)}."
            );
        }

        if (!fetched.VerifySignature(partner.PublicKey))
        {
            return Diverge(
                DivergenceReason.BadSignature,
                $"{partner.Economy}'s registered key did not sign the tree head of size {fetched.TreeSize}."
            );
        }

        var oldSize = last?.TreeHead.TreeSize ?? 0;
        if (fetched.TreeSize < oldSize)
        {
            return Diverge(
                DivergenceReason.TreeShrank,
                $"{partner.Economy} signed {oldSize} entries before and now signs {fetched.TreeSize}."
            );
        }

        var oldRoot = last?.TreeHead.RootHash ?? MerkleTree.EmptyRoot;
        return MerkleTree.VerifyConsistency(oldSize, fetched.TreeSize, oldRoot, fetched.RootHash, consistencyProof)
            ? null
            : Diverge(
                DivergenceReason.Inconsistent,
                $"The tree of {fetched.TreeSize} entries is not consistent with the verified tree of {oldSize}: history was rewritten."
            );
    }

    private static ReplicationDecision.Diverged Diverge(DivergenceReason reason, string detail) => new(reason, detail);

    /// <summary>The entry's canonical form (null if it has none) and, when it is a readable entry at this index, the entry.</summary>
    private static (StatusEntry? Entry, byte[]? Canonical, string? Problem) Read(long index, ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return (null, null, $"not JSON ({e.Message})");
        }

        using (document)
        {
            var canonical = CanonicalJson.Canonicalize(document.RootElement);
            if (!canonical.IsOk)
            {
                return (null, null, canonical.Errors[0].Message);
            }

            var entry = StatusEntry.Parse(document.RootElement);
            if (!entry.IsOk)
            {
                return (null, canonical.Value, string.Join(" ", entry.Errors.Select(e => e.Message)));
            }

            return entry.Value!.Sequence == index
                ? (entry.Value, canonical.Value, null)
                : (null, canonical.Value, $"it says it is entry {entry.Value.Sequence}.");
        }
    }
}
