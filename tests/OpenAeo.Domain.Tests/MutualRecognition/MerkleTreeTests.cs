using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>
/// The known-answer vectors of the Certificate Transparency reference implementation: leaves, roots, audit paths
/// and consistency proofs of google/certificate-transparency cpp/merkletree/merkle_tree_test.cc, also used by
/// transparency-dev/merkle proof/verify_test.go (which adds the 6 → 7 consistency proof).
/// </summary>
public class Merkle_tree_matches_the_rfc_6962_reference_vectors
{
    internal static readonly byte[][] Inputs =
    [
        .. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Hex),
    ];

    internal static readonly IReadOnlyList<byte[]> Leaves = [.. Inputs.Select(i => MerkleTree.HashLeaf(i))];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private const string EmptyTreeHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // The reference numbers leaves from 1; these are 0-based indices.
    public static TheoryData<long, long, string[]> InclusionVectors =>
        new()
        {
            { 0, 1, [] },
            {
                0,
                8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            },
            {
                5,
                8,
                [
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
            { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
            {
                1,
                5,
                [
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            },
        };

    public static TheoryData<long, long, string[]> ConsistencyVectors =>
        new()
        {
            { 1, 1, [] },
            {
                1,
                8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            },
            {
                6,
                8,
                [
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
            {
                2,
                5,
                [
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            },
            {
                6,
                7,
                [
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
        };

    private static byte[] Root(long size) => size == 0 ? Hex(EmptyTreeHash) : Hex(Roots[size - 1]);

    [Fact]
    public void The_empty_tree_hash_is_sha256_of_no_bytes()
    {
        ToHex(MerkleTree.EmptyRoot).ShouldBe(EmptyTreeHash);
        ToHex(MerkleTree.RootHash([])).ShouldBe(EmptyTreeHash);
        ToHex(MerkleFrontier.Empty.RootHash()).ShouldBe(EmptyTreeHash);
    }

    [Fact]
    public void A_leaf_hash_prefixes_the_data_with_a_zero_byte()
    {
        ToHex(MerkleTree.HashLeaf([])).ShouldBe(Roots[0]);
        MerkleTree.HashLeaf(Inputs[3]).ShouldBe(SHA256.HashData([0x00, 0x20, 0x21]));
    }

    [Fact]
    public void A_node_hash_prefixes_the_children_with_a_one_byte()
    {
        MerkleTree.HashChildren(Leaves[0], Leaves[1]).ShouldBe(SHA256.HashData([0x01, .. Leaves[0], .. Leaves[1]]));
        ToHex(MerkleTree.HashChildren(Leaves[0], Leaves[1])).ShouldBe(Roots[1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_root_of_every_prefix_is_the_reference_root(int size)
    {
        ToHex(MerkleTree.RootHash(Leaves, size)).ShouldBe(Roots[size - 1]);
        ToHex(MerkleTree.RootHash([.. Leaves.Take(size)])).ShouldBe(Roots[size - 1]);
        ToHex(MerkleFrontier.FromLeafHashes(Leaves.Take(size)).RootHash()).ShouldBe(Roots[size - 1]);
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_are_the_reference_audit_paths(long index, long size, string[] expected)
    {
        MerkleTree.InclusionProof(Leaves, index, size).Value!.Select(ToHex).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void The_reference_audit_paths_verify(long index, long size, string[] proof)
    {
        MerkleTree.VerifyInclusion(index, size, Leaves[(int)index], [.. proof.Select(Hex)], Root(size)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Corrupted_audit_paths_do_not_verify(long index, long size, string[] proofHex)
    {
        var proof = proofHex.Select(Hex).ToList();
        var leaf = Leaves[(int)index];
        var root = Root(size);
        var someHash = Hex("abacaba000000000000000000000000000000000000000000060061e00123456");

        // The probes of the reference verifier tests: wrong index, wrong size, wrong leaf or root, garbage around the path.
        MerkleTree.VerifyInclusion(index - 1, size, leaf, proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index + 1, size, leaf, proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index ^ 2, size, leaf, proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size * 2, leaf, proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size / 2, leaf, proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, MerkleTree.HashLeaf(Utf8("WrongLeaf")), proof, root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, leaf, proof, Hex(EmptyTreeHash)).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, leaf, proof, someHash).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, leaf, [.. proof, []], root).ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, leaf, [.. proof, root], root).ShouldBeFalse();
        MerkleTree
            .VerifyInclusion(
                index,
                size,
                leaf,
                [
                    [],
                    .. proof,
                ],
                root
            )
            .ShouldBeFalse();
        MerkleTree.VerifyInclusion(index, size, leaf, [root, .. proof], root).ShouldBeFalse();
        for (var i = 0; i < proof.Count; i++)
        {
            MerkleTree.VerifyInclusion(index, size, leaf, WithBitFlipped(proof, i), root).ShouldBeFalse($"bit flipped in proof[{i}]");
        }

        if (proof.Count > 0)
        {
            MerkleTree.VerifyInclusion(index, size, leaf, proof[..^1], root).ShouldBeFalse("removed component");
        }

        if (proof.Count > 1)
        {
            MerkleTree.VerifyInclusion(index, size, leaf, [proof[0], someHash, .. proof[1..]], root).ShouldBeFalse("inserted component");
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void An_index_outside_the_tree_never_verifies(long index, long size)
    {
        MerkleTree.VerifyInclusion(index, size, Leaves[0], [], Leaves[0]).ShouldBe(index == 0 && size == 1);
        MerkleTree.VerifyInclusion(index, size, Leaves[0], [], Hex(EmptyTreeHash)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_are_the_reference_proofs(long first, long second, string[] expected)
    {
        MerkleTree.ConsistencyProof(Leaves, first, second).Value!.Select(ToHex).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void The_reference_consistency_proofs_verify(long first, long second, string[] proof)
    {
        MerkleTree.VerifyConsistency(first, second, Root(first), Root(second), [.. proof.Select(Hex)]).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Corrupted_consistency_proofs_do_not_verify(long first, long second, string[] proofHex)
    {
        var proof = proofHex.Select(Hex).ToList();
        if (proof.Count == 0)
        {
            return; // As in the reference tests, only non-trivial proofs are corrupted.
        }

        var (root1, root2) = (Root(first), Root(second));
        MerkleTree.VerifyConsistency(first - 1, second, root1, root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first + 1, second, root1, root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first ^ 2, second, root1, root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second * 2, root1, root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second / 2, root1, root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, MerkleTree.HashLeaf(Utf8("WrongRoot")), root2, proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, MerkleTree.HashLeaf(Utf8("WrongRoot")), proof).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root2, root1, proof).ShouldBeFalse("swapped roots");
        MerkleTree.VerifyConsistency(first, second, root1, root2, []).ShouldBeFalse("empty proof");
        MerkleTree.VerifyConsistency(first, second, root1, root2, [.. proof, []]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, [.. proof, root1]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, [.. proof, root2]).ShouldBeFalse();
        MerkleTree
            .VerifyConsistency(
                first,
                second,
                root1,
                root2,
                [
                    [],
                    .. proof,
                ]
            )
            .ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, [root1, .. proof]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, [root2, .. proof]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, [proof[0], .. proof]).ShouldBeFalse();
        MerkleTree.VerifyConsistency(first, second, root1, root2, proof[..^1]).ShouldBeFalse("truncated proof");
        for (var i = 0; i < proof.Count; i++)
        {
            MerkleTree.VerifyConsistency(first, second, root1, root2, WithBitFlipped(proof, i)).ShouldBeFalse($"bit flipped in proof[{i}]");
        }
    }

    [Fact]
    public void Trivial_consistency_holds_only_with_an_empty_proof_and_matching_roots()
    {
        var (root1, root8) = (Root(1), Root(8));

        MerkleTree.VerifyConsistency(0, 0, Root(0), Root(0), []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(0, 8, Root(0), root8, []).ShouldBeTrue("every tree extends the empty tree");
        MerkleTree.VerifyConsistency(8, 8, root8, root8, []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(8, 8, root8, root1, []).ShouldBeFalse("same size, other root");
        MerkleTree.VerifyConsistency(8, 8, root8, root8, [root8]).ShouldBeFalse("roots match but the proof is not empty");
        MerkleTree.VerifyConsistency(0, 8, Root(0), root8, [root8]).ShouldBeFalse("a proof from the empty tree is not empty");
        MerkleTree.VerifyConsistency(1, 0, root1, Root(0), []).ShouldBeFalse("time travel to the past");
        MerkleTree.VerifyConsistency(2, 1, Root(2), root1, []).ShouldBeFalse("time travel to the past");
        MerkleTree.VerifyConsistency(1, 2, root1, Root(2), []).ShouldBeFalse("empty proof between different sizes");
    }

    [Fact]
    public void Proofs_for_a_tree_the_leaves_do_not_reach_are_errors()
    {
        MerkleTree.InclusionProof(Leaves, 3, 9).Errors.ShouldHaveSingleItem().Code.ShouldBe("proof.size");
        MerkleTree.InclusionProof(Leaves, 8, 8).Errors.ShouldHaveSingleItem().Code.ShouldBe("proof.index");
        MerkleTree.InclusionProof(Leaves, -1, 8).Errors.ShouldHaveSingleItem().Code.ShouldBe("proof.index");
        MerkleTree.ConsistencyProof(Leaves, 5, 4).Errors.ShouldHaveSingleItem().Code.ShouldBe("proof.size");
        MerkleTree.ConsistencyProof(Leaves, 2, 9).Errors.ShouldHaveSingleItem().Code.ShouldBe("proof.size");
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.RootHash(Leaves, 9));
    }

    private static List<byte[]> WithBitFlipped(List<byte[]> proof, int element)
    {
        var copy = proof.Select(p => p.ToArray()).ToList();
        copy[element][0] ^= 8;
        return copy;
    }
}

/// <summary>
/// Property tests over many tree shapes, checked against a reference written from the RFC 9162 text (MTH, PATH,
/// SUBPROOF over plain lists), so the library is never checked against itself.
/// </summary>
public class Merkle_proofs_hold_for_every_tree_shape
{
    private static readonly int[] Sizes = [.. Enumerable.Range(1, 40), .. RandomSizes(25, 41, 300, seed: 6962)];

    public static TheoryData<int> TreeSizes => [.. Sizes];

    [Theory]
    [MemberData(nameof(TreeSizes))]
    public void Every_root_matches_the_rfc_definition(int size)
    {
        var leaves = LeafHashes(size);

        MerkleTree.RootHash(leaves).ShouldBe(Reference.Mth(leaves));
        MerkleFrontier.FromLeafHashes(leaves).RootHash().ShouldBe(Reference.Mth(leaves));
    }

    [Theory]
    [MemberData(nameof(TreeSizes))]
    public void Every_inclusion_proof_verifies_and_sampled_ones_are_the_rfc_path(int size)
    {
        var leaves = LeafHashes(size);
        var root = Reference.Mth(leaves);
        var nodes = StoredNodes(leaves);
        for (var index = 0; index < size; index++)
        {
            var proof = MerkleTree.InclusionProof(index, size, node => nodes[node]).Value!;

            MerkleTree.VerifyInclusion(index, size, leaves[index], proof, root).ShouldBeTrue($"leaf {index} of {size}");
        }

        foreach (var index in Sample(size, from: 0))
        {
            var proof = MerkleTree.InclusionProof(leaves, index, size).Value!;

            proof.ShouldBe(Reference.Path(index, leaves), $"leaf {index} of {size}");
            MerkleTree.InclusionProof(index, size, node => nodes[node]).Value.ShouldBe(proof);
        }
    }

    [Theory]
    [MemberData(nameof(TreeSizes))]
    public void Every_consistency_proof_verifies_and_sampled_ones_are_the_rfc_proof(int size)
    {
        var leaves = LeafHashes(size);
        var root = Reference.Mth(leaves);
        var nodes = StoredNodes(leaves);
        for (var first = 0; first <= size; first++)
        {
            var proof = MerkleTree.ConsistencyProof(first, size, node => nodes[node]).Value!;
            var firstRoot = MerkleTree.RootHash(first, node => nodes[node]);

            MerkleTree.VerifyConsistency(first, size, firstRoot, root, proof).ShouldBeTrue($"{first} → {size}");
        }

        foreach (var first in Sample(size + 1, from: 0))
        {
            var proof = MerkleTree.ConsistencyProof(leaves, first, size).Value!;

            proof.ShouldBe(Reference.Proof(first, leaves), $"{first} → {size}");
            MerkleTree.ConsistencyProof(first, size, node => nodes[node]).Value.ShouldBe(proof);
            MerkleTree.RootHash(first, node => nodes[node]).ShouldBe(Reference.Mth([.. leaves.Take(first)]));
        }
    }

    [Theory]
    [MemberData(nameof(TreeSizes))]
    public void A_tampered_proof_or_root_never_verifies(int size)
    {
        var random = new Random(size);
        var leaves = LeafHashes(size);
        var nodes = StoredNodes(leaves);
        var root = MerkleTree.RootHash(size, node => nodes[node]);
        var otherRoot = Flip(root, random);
        for (var index = 0; index < size; index++)
        {
            var proof = MerkleTree.InclusionProof(index, size, node => nodes[node]).Value!.ToList();

            MerkleTree.VerifyInclusion(index, size, leaves[index], proof, otherRoot).ShouldBeFalse();
            MerkleTree.VerifyInclusion(index, size, Flip(leaves[index], random), proof, root).ShouldBeFalse();
            if (proof.Count > 0)
            {
                var element = random.Next(proof.Count);
                proof[element] = Flip(proof[element], random);
                MerkleTree
                    .VerifyInclusion(index, size, leaves[index], proof, root)
                    .ShouldBeFalse($"leaf {index} of {size}, proof[{element}] tampered");
            }
        }

        for (var first = 1; first < size; first++)
        {
            var proof = MerkleTree.ConsistencyProof(first, size, node => nodes[node]).Value!.ToList();
            var firstRoot = MerkleTree.RootHash(first, node => nodes[node]);

            MerkleTree
                .VerifyConsistency(first, size, Flip(firstRoot, random), root, proof)
                .ShouldBeFalse($"{first} → {size}, first root tampered");
            MerkleTree.VerifyConsistency(first, size, firstRoot, otherRoot, proof).ShouldBeFalse($"{first} → {size}, second root tampered");
            var element = random.Next(proof.Count);
            proof[element] = Flip(proof[element], random);
            MerkleTree.VerifyConsistency(first, size, firstRoot, root, proof).ShouldBeFalse($"{first} → {size}, proof[{element}] tampered");
        }
    }

    [Fact]
    public void A_rewritten_history_is_not_consistent_with_the_original()
    {
        var leaves = LeafHashes(100);
        var rewritten = leaves.ToList();
        rewritten[37] = MerkleTree.HashLeaf(Utf8("a suspension that never happened"));

        for (var first = 38; first < 100; first++)
        {
            var proof = MerkleTree.ConsistencyProof(rewritten, first, 100).Value!;
            MerkleTree
                .VerifyConsistency(first, 100, MerkleTree.RootHash(leaves, first), MerkleTree.RootHash(rewritten), proof)
                .ShouldBeFalse($"{first} → 100");
        }
    }

    [Theory]
    [InlineData(1_000, 10)]
    [InlineData(1_000_000, 20)]
    [InlineData(1L << 40, 40)]
    public void Proofs_need_only_logarithmically_many_stored_nodes(long size, int log2)
    {
        // Counting the nodes is what makes a proof over a million entries cheap for a log that stores them.
        MerkleTree.NodesForRoot(size).Count.ShouldBeLessThanOrEqualTo(log2);
        MerkleTree.NodesForInclusionProof(size / 3, size).Count.ShouldBeLessThanOrEqualTo(2 * log2);
        MerkleTree.NodesForConsistencyProof(size / 3, size - 1).Count.ShouldBeLessThanOrEqualTo(2 * log2);
    }

    [Fact]
    public void A_proof_asks_the_node_store_for_exactly_the_nodes_it_names()
    {
        var leaves = LeafHashes(1_000);
        var nodes = StoredNodes(leaves);
        var asked = new List<MerkleNode>();

        MerkleTree.InclusionProof(333, 1_000, node =>
        {
            asked.Add(node);
            return nodes[node];
        });
        asked.ShouldBe(MerkleTree.NodesForInclusionProof(333, 1_000), ignoreOrder: true);
        asked.Clear();
        MerkleTree.ConsistencyProof(333, 999, node =>
        {
            asked.Add(node);
            return nodes[node];
        });
        asked.ShouldBe(MerkleTree.NodesForConsistencyProof(333, 999), ignoreOrder: true);
    }

    /// <summary>All of a small range, or its ends and a few positions in between: the reference is quadratic.</summary>
    private static IEnumerable<int> Sample(int count, int from)
    {
        const int Few = 12;
        if (count <= Few)
        {
            return Enumerable.Range(from, count);
        }

        var random = new Random(count);
        return Enumerable.Range(0, Few - 2).Select(_ => random.Next(from, from + count)).Append(from).Append(from + count - 1).Distinct();
    }

    private static Dictionary<MerkleNode, byte[]> StoredNodes(IReadOnlyList<byte[]> leaves)
    {
        var nodes = new Dictionary<MerkleNode, byte[]>();
        MerkleFrontier.Empty.Append(leaves, nodes);
        return nodes;
    }

    private static byte[] Flip(byte[] hash, Random random)
    {
        var copy = hash.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static IEnumerable<int> RandomSizes(int count, int min, int max, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(min, max + 1)).Append(256).Append(max);
    }

    /// <summary>RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 transcribed over lists, for cross-checking only.</summary>
    private static class Reference
    {
        public static byte[] Mth(IReadOnlyList<byte[]> d)
        {
            if (d.Count == 0)
            {
                return SHA256.HashData([]);
            }

            if (d.Count == 1)
            {
                return d[0];
            }

            var k = K(d.Count);
            return SHA256.HashData([0x01, .. Mth([.. d.Take(k)]), .. Mth([.. d.Skip(k)])]);
        }

        public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
        {
            if (d.Count == 1)
            {
                return [];
            }

            var k = K(d.Count);
            return m < k ? [.. Path(m, [.. d.Take(k)]), Mth([.. d.Skip(k)])] : [.. Path(m - k, [.. d.Skip(k)]), Mth([.. d.Take(k)])];
        }

        public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => m == 0 || m == d.Count ? [] : SubProof(m, d, true);

        private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
        {
            if (m == d.Count)
            {
                return b ? [] : [Mth(d)];
            }

            var k = K(d.Count);
            return m <= k
                ? [.. SubProof(m, [.. d.Take(k)], b), Mth([.. d.Skip(k)])]
                : [.. SubProof(m - k, [.. d.Skip(k)], false), Mth([.. d.Take(k)])];
        }

        /// <summary>The largest power of two smaller than n.</summary>
        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }

            return k;
        }
    }
}
