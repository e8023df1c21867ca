using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Our signed status log in the database (ADR 0008): entries, the hashes of every complete subtree, and signed tree
/// heads. Only inserts: there is no code path that updates or deletes a row of these tables.
/// </summary>
internal static class StatusLog
{
    public static async Task<long> SizeAsync(OpenAeoDb db, CancellationToken ct) =>
        await db.LogEntries().AnyAsync(ct) ? await db.LogEntries().MaxAsync(e => e.Index, ct) + 1 : 0;

    /// <summary>
    /// Stages entries (numbered from the current size) with the subtree nodes they complete and a new signed tree
    /// head, in the caller's unit of work: saved together or not at all.
    /// </summary>
    public static async Task AppendAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, IReadOnlyList<Func<long, StatusEntry>> entries, CancellationToken ct)
    {
        var size = await SizeAsync(db, ct);
        var frontier = await FrontierAsync(db, size, ct);
        var leaves = new List<byte[]>(entries.Count);
        foreach (var make in entries)
        {
            var entry = make(size + leaves.Count);
            var json = entry.ToCanonicalJson();
            var leaf = MerkleTree.HashLeaf(json);
            db.LogEntries().Add(new LogEntry { Index = entry.Sequence, Tin = entry.Tin.Value, Json = Encoding.UTF8.GetString(json), LeafHash = leaf });
            leaves.Add(leaf);
        }

        var completed = new List<KeyValuePair<MerkleNode, byte[]>>();
        frontier = frontier.Append(leaves, completed);
        db.LogNodes().AddRange(completed.Select(c => new LogNode { Level = c.Key.Level, Index = c.Key.Index, Hash = c.Value }));
        var head = SignedTreeHead.Sign(node.Economy, frontier.Size, frontier.RootHash(), clock.GetUtcNow(), node.Key);
        db.LogTreeHeads().Add(ToRow(head));
    }

    /// <summary>The latest signed tree head; the empty tree's is signed and stored the first time it is asked for.</summary>
    public static async Task<SignedTreeHead> LatestAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.LogTreeHeads().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        if (row is not null)
        {
            return new SignedTreeHead(node.Log.LogId, node.Economy, row.TreeSize, row.RootHash, row.Timestamp, row.Signature);
        }

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
    /// Checks the log end to end: every entry's stored leaf hash is the hash of its stored JSON and that JSON is a
    /// status entry at its index; the root rebuilt from the entries equals the latest signed head's, whose signature
    /// verifies; and every stored subtree node equals the one rebuilt. Returns the mismatches (empty when sound).
    /// </summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(OpenAeoDb db, NodeIdentity node, CancellationToken ct)
    {
        var problems = new List<string>();
        var completed = new Dictionary<MerkleNode, byte[]>();
        var frontier = MerkleFrontier.Empty;
        const int Page = 10_000;
        for (long start = 0; ; start += Page)
        {
            var rows = await db.LogEntries().AsNoTracking().Where(e => e.Index >= start && e.Index < start + Page).OrderBy(e => e.Index).ToListAsync(ct);
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
                    return problems;
                }

                var json = Encoding.UTF8.GetBytes(row.Json);
                var parsed = StatusEntry.Parse(json);
                if (!parsed.IsOk || parsed.Value!.Sequence != row.Index)
                {
                    problems.Add($"Entry {row.Index} is not a status entry at its index.");
                }

                var leaf = MerkleTree.HashLeaf(json);
                if (!CryptographicOperations.FixedTimeEquals(leaf, row.LeafHash))
                {
                    problems.Add($"Entry {row.Index}: its JSON does not hash to its stored leaf hash (the entry was altered).");
                }

                leaves.Add(leaf);
            }

            frontier = frontier.Append(leaves, completed);
        }

        var stored = await db.LogNodes().AsNoTracking().ToListAsync(ct);
        foreach (var n in stored)
        {
            if (!completed.TryGetValue(new MerkleNode(n.Level, n.Index), out var expected) || !CryptographicOperations.FixedTimeEquals(expected, n.Hash))
            {
                problems.Add($"Stored node (level {n.Level}, index {n.Index}) does not match the entries.");
            }
        }

        if (stored.Count != completed.Count)
        {
            problems.Add($"{completed.Count} subtree nodes rebuilt from the entries, {stored.Count} stored.");
        }

        var head = await db.LogTreeHeads().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        if (head is not null)
        {
            var sth = new SignedTreeHead(node.Log.LogId, node.Economy, head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
            if (!sth.Verify(node.Log.PublicKey))
            {
                problems.Add($"The signature of the latest tree head (size {head.TreeSize}) does not verify with this node's key.");
            }

            if (head.TreeSize != frontier.Size)
            {
                problems.Add($"The latest tree head is for {head.TreeSize} entries; the log has {frontier.Size}.");
            }
            else if (!CryptographicOperations.FixedTimeEquals(frontier.RootHash(), head.RootHash))
            {
                problems.Add($"The root rebuilt from the {frontier.Size} entries is not the signed root.");
            }
        }

        return problems;
    }

    private static async Task<Dictionary<MerkleNode, byte[]>> LoadNodesAsync(OpenAeoDb db, IReadOnlyList<MerkleNode> wanted, CancellationToken ct)
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
        new() { TreeSize = head.TreeSize, RootHash = head.RootHash, Timestamp = head.Timestamp, Signature = head.Signature };
}
