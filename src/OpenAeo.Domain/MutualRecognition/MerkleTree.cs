using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// A complete subtree of a Merkle tree: the node at <see cref="Level"/> (0 = leaf) and position
/// <see cref="Index"/> within that level, covering leaves [Index·2^Level, (Index+1)·2^Level). Once its leaves exist
/// its hash never changes, so a log can store it and answer any root or proof from O(log n) stored nodes.
/// </summary>
public readonly record struct MerkleNode(int Level, long Index)
{
    public long FirstLeaf => Index << Level;

    public long LeafCount => 1L << Level;
}

/// <summary>
/// The Merkle tree of an AEO status log, as RFC 6962 §2.1 and RFC 9162 §2.1 define it for Certificate Transparency:
/// leaf hash = SHA-256(0x00 ‖ entry), node hash = SHA-256(0x01 ‖ left ‖ right), the empty tree's hash is SHA-256 of
/// no bytes, and a tree of n leaves splits at the largest power of two below n. Roots and proofs can be computed from
/// the leaf hashes or from stored hashes of complete subtrees (<see cref="MerkleNode"/>).
/// </summary>
/// <remarks>
/// The domain separation of leaves (0x00) and nodes (0x01) is what stops a partner passing an inner node off as an
/// entry (RFC 9162 §2.1.1). Proof generation follows PATH (§2.1.3.1) and SUBPROOF (§2.1.4.1); verification follows
/// the algorithms of §2.1.3.2 and §2.1.4.2 exactly, so any RFC 9162 verifier accepts our proofs and we accept theirs.
/// </remarks>
public static class MerkleTree
{
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root hash of the empty tree: SHA-256 of no bytes (RFC 9162 §2.1.1).</summary>
    public static byte[] EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 ‖ data): the hash of one entry (the UTF-8 bytes of its canonical JSON).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        // One-shot hashing of a pooled copy is several times faster than an incremental hash per leaf.
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length + 1);
        try
        {
            buffer[0] = LeafPrefix;
            data.CopyTo(buffer.AsSpan(1));
            return SHA256.HashData(buffer.AsSpan(0, data.Length + 1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right): the hash of an inner node.</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashSize)];
        if (left.Length != HashSize || right.Length != HashSize)
        {
            throw new ArgumentException($"Child hashes are {HashSize} bytes.");
        }

        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The root hash of all the leaves (MTH of RFC 9162 §2.1.1); O(n).</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes) => RootHash(leafHashes, leafHashes.Count);

    /// <summary>The root hash of the first <paramref name="treeSize"/> leaves, i.e. of an earlier tree head.</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, leafHashes.Count);
        return RootHash(treeSize, NodesFromLeafHashes(leafHashes));
    }

    /// <summary>The root hash of a tree of <paramref name="treeSize"/> leaves from its stored complete subtrees.</summary>
    /// <param name="node">Returns the hash of a complete subtree; asked only for <see cref="NodesForRoot"/>.</param>
    public static byte[] RootHash(long treeSize, Func<MerkleNode, byte[]> node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return treeSize == 0 ? EmptyRoot : RangeHash(0, treeSize, node);
    }

    /// <summary>The complete subtrees whose hashes make the root of a tree of <paramref name="treeSize"/> leaves.</summary>
    public static IReadOnlyList<MerkleNode> NodesForRoot(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return Decompose(0, treeSize);
    }

    /// <summary>
    /// The inclusion proof (audit path) of leaf <paramref name="index"/> in the tree of the first
    /// <paramref name="treeSize"/> leaves (RFC 9162 §2.1.3.1), hashes ordered from the leaf up.
    /// </summary>
    public static Result<IReadOnlyList<byte[]>> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index, long treeSize) =>
        treeSize > leafHashes.Count
            ? TreeTooLarge(treeSize, leafHashes.Count)
            : InclusionProof(index, treeSize, NodesFromLeafHashes(leafHashes));

    /// <inheritdoc cref="InclusionProof(IReadOnlyList{byte[]}, long, long)"/>
    /// <param name="node">Returns the hash of a complete subtree; asked only for <see cref="NodesForInclusionProof"/>.</param>
    public static Result<IReadOnlyList<byte[]>> InclusionProof(long index, long treeSize, Func<MerkleNode, byte[]> node)
    {
        if (index < 0 || index >= treeSize)
        {
            return new DomainError("proof.index", $"Leaf {index} is not in a tree of {treeSize} leaves.", "index");
        }

        return Result<IReadOnlyList<byte[]>>.Ok([.. InclusionRanges(index, treeSize).Select(r => RangeHash(r.Start, r.End, node))]);
    }

    /// <summary>The complete subtrees an inclusion proof is computed from, so a caller can fetch them in one query.</summary>
    public static IReadOnlyList<MerkleNode> NodesForInclusionProof(long index, long treeSize) =>
        index < 0 || index >= treeSize ? [] : [.. InclusionRanges(index, treeSize).SelectMany(r => Decompose(r.Start, r.End))];

    /// <summary>
    /// The consistency proof between the trees of the first <paramref name="first"/> and <paramref name="second"/>
    /// leaves (RFC 9162 §2.1.4.1): it shows the second tree only appends to the first. Empty when first is 0 or equal
    /// to second, as there is nothing to prove.
    /// </summary>
    public static Result<IReadOnlyList<byte[]>> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long first, long second) =>
        second > leafHashes.Count
            ? TreeTooLarge(second, leafHashes.Count)
            : ConsistencyProof(first, second, NodesFromLeafHashes(leafHashes));

    /// <inheritdoc cref="ConsistencyProof(IReadOnlyList{byte[]}, long, long)"/>
    /// <param name="node">Returns the hash of a complete subtree; asked only for <see cref="NodesForConsistencyProof"/>.</param>
    public static Result<IReadOnlyList<byte[]>> ConsistencyProof(long first, long second, Func<MerkleNode, byte[]> node)
    {
        if (first < 0 || first > second)
        {
            return new DomainError(
                "proof.size",
                $"No consistency proof from {first} to {second} leaves: the first tree must not be larger than the second.",
                "first"
            );
        }

        return Result<IReadOnlyList<byte[]>>.Ok([.. ConsistencyRanges(first, second).Select(r => RangeHash(r.Start, r.End, node))]);
    }

    /// <summary>The complete subtrees a consistency proof is computed from.</summary>
    public static IReadOnlyList<MerkleNode> NodesForConsistencyProof(long first, long second) =>
        first < 0 || first > second ? [] : [.. ConsistencyRanges(first, second).SelectMany(r => Decompose(r.Start, r.End))];

    /// <summary>
    /// Complete-subtree hashes computed from the leaf hashes on demand: a node at level l costs 2^l − 1 hashes. For a
    /// log that stores nothing but its leaf hashes; a large log stores the nodes instead (see
    /// <see cref="MerkleFrontier.Append(IEnumerable{byte[]}, ICollection{KeyValuePair{MerkleNode, byte[]}}?)"/>).
    /// </summary>
    public static Func<MerkleNode, byte[]> NodesFromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        return Compute;

        byte[] Compute(MerkleNode node)
        {
            if (node.Level < 0 || node.Index < 0 || node.FirstLeaf + node.LeafCount > leafHashes.Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(node),
                    node,
                    $"The node is not complete in a tree of {leafHashes.Count} leaves."
                );
            }

            return node.Level == 0
                ? leafHashes[(int)node.Index]
                : HashChildren(Compute(new(node.Level - 1, node.Index * 2)), Compute(new(node.Level - 1, (node.Index * 2) + 1)));
        }
    }

    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of
    /// <paramref name="treeSize"/> leaves with root <paramref name="rootHash"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    public static bool VerifyInclusion(
        long index,
        long treeSize,
        ReadOnlySpan<byte> leafHash,
        IReadOnlyList<byte[]> proof,
        ReadOnlySpan<byte> rootHash
    )
    {
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || rootHash.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            r = Climb(ref fn, ref sn) ? HashChildren(p, r) : HashChildren(r, p);
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="second"/> leaves with root <paramref name="secondRoot"/> extends the
    /// tree of <paramref name="first"/> leaves with root <paramref name="firstRoot"/>, i.e. that nobody rewrote the
    /// first tree's history (RFC 9162 §2.1.4.2).
    /// </summary>
    public static bool VerifyConsistency(
        long first,
        long second,
        ReadOnlySpan<byte> firstRoot,
        ReadOnlySpan<byte> secondRoot,
        IReadOnlyList<byte[]> proof
    )
    {
        if (first < 0 || second < first || firstRoot.Length != HashSize || secondRoot.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(firstRoot, secondRoot);
        }

        if (first == 0)
        {
            // Every tree extends the empty tree, so there is nothing to prove and a non-empty proof is malformed.
            return proof.Count == 0;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // When the first tree is a complete subtree of the second, its root is the proof's implicit first element.
        IReadOnlyList<byte[]> path = BitOperations.IsPow2(first) ? [firstRoot.ToArray(), .. proof] : proof;
        var fn = first - 1;
        var sn = second - 1;
        while (IsOdd(fn))
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if (Climb(ref fn, ref sn))
            {
                fr = HashChildren(c, fr);
                sr = HashChildren(c, sr);
            }
            else
            {
                sr = HashChildren(sr, c);
            }
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, firstRoot) && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }

    /// <summary>
    /// The complete subtrees that make up the leaves [start, end), largest (leftmost) first. Every range RFC 9162's
    /// recursions ask for starts at a multiple of a power of two at least as large as the range, so the subtrees
    /// are the binary digits of its size.
    /// </summary>
    internal static IReadOnlyList<MerkleNode> Decompose(long start, long end)
    {
        var nodes = new List<MerkleNode>(BitOperations.PopCount((ulong)(end - start)));
        var position = start;
        for (var level = 62; level >= 0; level--)
        {
            var size = 1L << level;
            if (((end - start) & size) == 0)
            {
                continue;
            }

            if (position % size != 0)
            {
                throw new InvalidOperationException($"Leaves [{start}, {end}) are not an RFC 6962 subtree.");
            }

            nodes.Add(new MerkleNode(level, position >> level));
            position += size;
        }

        return nodes;
    }

    /// <summary>MTH(D[start:end]): the subtrees of the range folded from the right, as the RFC's recursion does.</summary>
    private static byte[] RangeHash(long start, long end, Func<MerkleNode, byte[]> node)
    {
        var nodes = Decompose(start, end);
        var hash = node(nodes[^1]);
        for (var i = nodes.Count - 2; i >= 0; i--)
        {
            hash = HashChildren(node(nodes[i]), hash);
        }

        return hash;
    }

    /// <summary>The ranges whose hashes form PATH(m, D[0:n]) (RFC 9162 §2.1.3.1), from the leaf up.</summary>
    private static List<(long Start, long End)> InclusionRanges(long index, long treeSize)
    {
        var ranges = new List<(long Start, long End)>();
        Path(index, 0, treeSize);
        return ranges;

        void Path(long m, long start, long end)
        {
            if (end - start <= 1)
            {
                return;
            }

            var k = LargestPowerOfTwoBelow(end - start);
            if (m < k)
            {
                Path(m, start, start + k);
                ranges.Add((start + k, end));
            }
            else
            {
                Path(m - k, start + k, end);
                ranges.Add((start, start + k));
            }
        }
    }

    /// <summary>The ranges whose hashes form PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) (RFC 9162 §2.1.4.1).</summary>
    private static List<(long Start, long End)> ConsistencyRanges(long first, long second)
    {
        var ranges = new List<(long Start, long End)>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, startsAtFirstRoot: true);
        }

        return ranges;

        void SubProof(long m, long start, long end, bool startsAtFirstRoot)
        {
            if (m == end - start)
            {
                // The verifier already holds the first tree's root, so it is left out of the proof.
                if (!startsAtFirstRoot)
                {
                    ranges.Add((start, end));
                }

                return;
            }

            var k = LargestPowerOfTwoBelow(end - start);
            if (m <= k)
            {
                SubProof(m, start, start + k, startsAtFirstRoot);
                ranges.Add((start + k, end));
            }
            else
            {
                SubProof(m - k, start + k, end, startsAtFirstRoot: false);
                ranges.Add((start, start + k));
            }
        }
    }

    /// <summary>
    /// One step of the verification loops of RFC 9162 §2.1.3.2 and §2.1.4.2: whether the next proof element is a left
    /// sibling, moving <paramref name="fn"/> and <paramref name="sn"/> up past it. On the right edge of a ragged tree a
    /// node may have no sibling at some levels; those levels are skipped.
    /// </summary>
    private static bool Climb(ref long fn, ref long sn)
    {
        var isLeftSibling = IsOdd(fn) || fn == sn;
        if (isLeftSibling)
        {
            while (!IsOdd(fn) && fn != 0)
            {
                fn >>= 1;
                sn >>= 1;
            }
        }

        fn >>= 1;
        sn >>= 1;
        return isLeftSibling;
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    private static bool IsOdd(long n) => (n & 1) == 1;

    private static bool AllHashes(IReadOnlyList<byte[]> proof) => proof.All(p => p is { Length: HashSize });

    private static Result<IReadOnlyList<byte[]>> TreeTooLarge(long treeSize, int leafCount) =>
        new DomainError("proof.size", $"The log has {leafCount} leaves; there is no tree of {treeSize}.", "treeSize");
}
