using System.Numerics;
using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public class A_merkle_frontier_keeps_only_the_right_edge
{
    [Fact]
    public void Appending_leaf_by_leaf_or_in_batches_gives_the_root_of_the_whole_list()
    {
        var leaves = LeafHashes(300);
        var oneByOne = MerkleFrontier.Empty;
        var random = new Random(8);
        var batched = MerkleFrontier.Empty;
        var next = 0;

        for (var size = 1; size <= leaves.Count; size++)
        {
            oneByOne = oneByOne.Append([leaves[size - 1]]);
            oneByOne.RootHash().ShouldBe(MerkleTree.RootHash(leaves, size), $"size {size}");
        }

        while (next < leaves.Count)
        {
            var count = Math.Min(random.Next(0, 40), leaves.Count - next);
            batched = batched.Append(leaves.Skip(next).Take(count));
            next += count;
            batched.Size.ShouldBe(next);
            batched.RootHash().ShouldBe(MerkleTree.RootHash(leaves, next));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(255)]
    [InlineData(256)]
    public void It_holds_one_hash_per_binary_digit_one_of_the_size(int size)
    {
        var frontier = MerkleFrontier.FromLeafHashes(LeafHashes(size));

        frontier.Hashes.Count.ShouldBe(BitOperations.PopCount((uint)size));
        frontier.Nodes.ShouldBe(MerkleTree.NodesForRoot(size));
    }

    [Fact]
    public void Appending_does_not_change_the_frontier_appended_to()
    {
        var leaves = LeafHashes(10);
        var seven = MerkleFrontier.FromLeafHashes(leaves.Take(7));
        var before = seven.RootHash();

        var ten = seven.Append(leaves.Skip(7));

        seven.Size.ShouldBe(7);
        seven.RootHash().ShouldBe(before);
        ten.RootHash().ShouldBe(MerkleTree.RootHash(leaves));
    }

    [Fact]
    public void The_completed_nodes_it_reports_are_the_complete_subtrees_of_the_tree()
    {
        var leaves = LeafHashes(77);
        var completed = new Dictionary<MerkleNode, byte[]>();

        MerkleFrontier.FromLeafHashes(leaves.Take(30)).Append(leaves.Skip(30), completed);

        var fromLeaves = MerkleTree.NodesFromLeafHashes(leaves);
        completed.ShouldAllBe(pair => pair.Value.SequenceEqual(fromLeaves(pair.Key)));
        // Every complete subtree that ends in [30, 77) is reported: 47 leaves and the inner nodes they finish.
        var expected = Enumerable
            .Range(0, 7)
            .SelectMany(level => Enumerable.Range(0, 77 >> level).Select(index => new MerkleNode(level, index)))
            .Where(n => n.FirstLeaf + n.LeafCount > 30);
        completed.Keys.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void A_stored_frontier_is_restored_from_its_size_and_hashes()
    {
        var frontier = MerkleFrontier.FromLeafHashes(LeafHashes(45));

        var restored = MerkleFrontier.Create(45, frontier.Hashes);

        restored.IsOk.ShouldBeTrue();
        restored.Value!.RootHash().ShouldBe(frontier.RootHash());
        restored.Value.Append(LeafHashes(3, seed: 2)).RootHash().ShouldBe(frontier.Append(LeafHashes(3, seed: 2)).RootHash());
    }

    [Fact]
    public void A_frontier_is_rebuilt_from_stored_nodes()
    {
        var leaves = LeafHashes(45);

        MerkleFrontier.FromNodes(45, MerkleTree.NodesFromLeafHashes(leaves)).RootHash().ShouldBe(MerkleTree.RootHash(leaves));
    }

    [Fact]
    public void A_stored_frontier_of_the_wrong_shape_is_refused()
    {
        var hashes = MerkleFrontier.FromLeafHashes(LeafHashes(45)).Hashes;

        MerkleFrontier.Create(44, hashes).Errors.ShouldHaveSingleItem().Code.ShouldBe("frontier.hashes");
        MerkleFrontier.Create(45, [.. hashes, hashes[0]]).Errors.ShouldHaveSingleItem().Code.ShouldBe("frontier.hashes");
        MerkleFrontier.Create(45, [.. hashes.Take(2), new byte[31]]).Errors.ShouldHaveSingleItem().Code.ShouldBe("frontier.hashes");
        MerkleFrontier.Create(-1, []).Errors.ShouldHaveSingleItem().Code.ShouldBe("frontier.size");
    }

    [Fact]
    public void A_leaf_hash_of_the_wrong_length_is_refused()
    {
        Should.Throw<ArgumentException>(() => MerkleFrontier.Empty.Append([new byte[20]]));
    }
}
