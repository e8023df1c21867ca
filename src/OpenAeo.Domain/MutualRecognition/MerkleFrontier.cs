using System.Numerics;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// The right edge of a Merkle tree: the hashes of the complete subtrees that cover leaves [0, size), largest first,
/// one per binary digit 1 of the size (at most 63 hashes, 20 for a million entries). It is all one needs to append
/// leaves and compute the new root (the "compact Merkle tree" of the Certificate Transparency implementations).
/// </summary>
/// <remarks>
/// A replica keeps the frontier of its last verified tree head next to that head. When a partner's log grows, the
/// new entries are appended to the frontier and the root must come out equal to the partner's signed root; that
/// costs O(k log n) for k new entries, without reading any earlier entry.
/// </remarks>
public sealed class MerkleFrontier
{
    private readonly MerkleNode[] nodes;
    private readonly byte[][] hashes;

    private MerkleFrontier(long size, MerkleNode[] nodes, byte[][] hashes)
    {
        Size = size;
        this.nodes = nodes;
        this.hashes = hashes;
    }

    public static MerkleFrontier Empty { get; } = new(0, [], []);

    /// <summary>The number of leaves in the tree.</summary>
    public long Size { get; }

    /// <summary>The complete subtrees of the right edge, largest first.</summary>
    public IReadOnlyList<MerkleNode> Nodes => nodes;

    /// <summary>Their hashes, in the same order: what a replica stores.</summary>
    public IReadOnlyList<byte[]> Hashes => hashes;

    /// <summary>Restores a stored frontier, checking that it has the shape a tree of that size has.</summary>
    public static Result<MerkleFrontier> Create(long size, IReadOnlyList<byte[]> hashes)
    {
        if (size < 0)
        {
            return new DomainError("frontier.size", "A tree has zero or more leaves.", "size");
        }

        var shape = MerkleTree.NodesForRoot(size);
        if (hashes.Count != shape.Count || hashes.Any(h => h is not { Length: MerkleTree.HashSize }))
        {
            return new DomainError(
                "frontier.hashes",
                $"A tree of {size} leaves has a frontier of {shape.Count} hashes of {MerkleTree.HashSize} bytes; got {hashes.Count}.",
                "hashes"
            );
        }

        return Result<MerkleFrontier>.Ok(new MerkleFrontier(size, [.. shape], [.. hashes.Select(h => h.ToArray())]));
    }

    public static MerkleFrontier FromLeafHashes(IEnumerable<byte[]> leafHashes) => Empty.Append(leafHashes);

    /// <summary>The frontier of the tree of <paramref name="size"/> leaves, from stored complete-subtree hashes.</summary>
    public static MerkleFrontier FromNodes(long size, Func<MerkleNode, byte[]> node)
    {
        var shape = MerkleTree.NodesForRoot(size);
        return new MerkleFrontier(size, [.. shape], [.. shape.Select(node)]);
    }

    /// <summary>The root hash of the tree (RFC 9162 §2.1.1): the frontier folded from the right.</summary>
    public byte[] RootHash()
    {
        if (Size == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = hashes[^1];
        for (var i = hashes.Length - 2; i >= 0; i--)
        {
            root = MerkleTree.HashChildren(hashes[i], root);
        }

        return root;
    }

    public MerkleFrontier Append(IEnumerable<byte[]> leafHashes) => Append(leafHashes, completed: null);

    /// <summary>
    /// Appends leaves and reports every complete subtree the appends finish (leaves included, at level 0), so the log
    /// can store them and later answer roots and proofs from O(log n) nodes
    /// (<see cref="MerkleTree.InclusionProof(long, long, Func{MerkleNode, byte[]})"/>).
    /// A <see cref="Dictionary{TKey, TValue}"/> works as <paramref name="completed"/> and then as the node lookup.
    /// </summary>
    public MerkleFrontier Append(IEnumerable<byte[]> leafHashes, ICollection<KeyValuePair<MerkleNode, byte[]>>? completed)
    {
        var stackNodes = new List<MerkleNode>(nodes);
        var stackHashes = new List<byte[]>(hashes);
        var size = Size;
        foreach (var leaf in leafHashes)
        {
            if (leaf is not { Length: MerkleTree.HashSize })
            {
                throw new ArgumentException($"Leaf hashes are {MerkleTree.HashSize} bytes.", nameof(leafHashes));
            }

            var node = new MerkleNode(0, size);
            var hash = leaf;
            completed?.Add(new(node, hash));
            // Like a binary counter: each trailing 1 of the old size is a subtree that the new leaf completes.
            while (stackNodes.Count > 0 && stackNodes[^1].Level == node.Level)
            {
                hash = MerkleTree.HashChildren(stackHashes[^1], hash);
                node = new MerkleNode(node.Level + 1, node.Index >> 1);
                stackNodes.RemoveAt(stackNodes.Count - 1);
                stackHashes.RemoveAt(stackHashes.Count - 1);
                completed?.Add(new(node, hash));
            }

            stackNodes.Add(node);
            stackHashes.Add(hash);
            size++;
        }

        return new MerkleFrontier(size, [.. stackNodes], [.. stackHashes]);
    }

    public override string ToString() => $"{Size} leaves, {BitOperations.PopCount((ulong)Size)} subtrees";
}
