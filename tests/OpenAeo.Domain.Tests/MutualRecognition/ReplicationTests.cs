using System.Text.Json.Nodes;
using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public sealed class Replicating_a_partner_log : IDisposable
{
    private readonly PartnerLog taiwan = new PartnerLog().Append(5);

    public void Dispose() => taiwan.Dispose();

    /// <summary>The replica after a first, honest round over the partner's current log.</summary>
    private ReplicaState Replicated()
    {
        var decision = Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0));
        return decision.ShouldBeOfType<ReplicationDecision.Accept>().State;
    }

    private static ReplicationDecision.Diverged Diverged(ReplicationDecision decision, DivergenceReason reason)
    {
        var diverged = decision.ShouldBeOfType<ReplicationDecision.Diverged>();
        diverged.Reason.ShouldBe(reason, diverged.Detail);
        return diverged;
    }

    [Fact]
    public void The_first_round_accepts_every_entry_and_keeps_the_verified_head_and_frontier()
    {
        var sth = taiwan.TreeHead();

        var accept = Replication.Decide(taiwan.Identity, null, sth, [], taiwan.Entries(0)).ShouldBeOfType<ReplicationDecision.Accept>();

        accept.Entries.Select(e => e.Index).ShouldBe([0, 1, 2, 3, 4]);
        accept.Entries.Select(e => e.Entry.Tin.Value).ShouldBe(["TW1000", "TW1001", "TW1002", "TW1003", "TW1004"]);
        accept.Entries.ShouldAllBe(e => e.LeafHash.SequenceEqual(MerkleTree.HashLeaf(e.CanonicalJson)));
        accept.State.TreeHead.ShouldBeSameAs(sth);
        accept.State.Frontier.Size.ShouldBe(5);
        accept.State.Frontier.RootHash().ShouldBe(sth.RootHash);
    }

    [Fact]
    public void The_next_round_appends_the_new_entries_to_the_verified_frontier()
    {
        var state = Replicated();
        taiwan.Append(8);

        var accept = Replication
            .Decide(taiwan.Identity, state, taiwan.TreeHead(), taiwan.ConsistencyProof(5), taiwan.Entries(5))
            .ShouldBeOfType<ReplicationDecision.Accept>();

        accept.Entries.Select(e => e.Index).ShouldBe([5, 6, 7, 8, 9, 10, 11, 12]);
        accept.State.Frontier.Size.ShouldBe(13);
        accept.State.TreeHead.TreeSize.ShouldBe(13);
    }

    [Fact]
    public void A_round_with_nothing_new_accepts_nothing()
    {
        var state = Replicated();

        var accept = Replication.Decide(taiwan.Identity, state, taiwan.TreeHead(), [], []).ShouldBeOfType<ReplicationDecision.Accept>();

        accept.Entries.ShouldBeEmpty();
        accept.State.Frontier.RootHash().ShouldBe(state.TreeHead.RootHash);
    }

    [Fact]
    public void An_empty_partner_log_replicates_to_an_empty_replica()
    {
        using var empty = new PartnerLog("JP");

        var accept = Replication.Decide(empty.Identity, null, empty.TreeHead(), [], []).ShouldBeOfType<ReplicationDecision.Accept>();

        accept.State.TreeHead.TreeSize.ShouldBe(0);
        accept.State.Frontier.Size.ShouldBe(0);
        accept.State.Frontier.RootHash().ShouldBe(MerkleTree.EmptyRoot);
    }

    [Fact]
    public void Entries_served_in_another_layout_still_rebuild_the_root_because_their_canonical_form_is_hashed()
    {
        taiwan.Tamper(3, json =>
        {
            var entry = JsonNode.Parse(json)!.AsObject();
            return new JsonObject(entry.Reverse().Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone()))).ToJsonString(
                new() { WriteIndented = true }
            );
        });

        var accept = Replication
            .Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0))
            .ShouldBeOfType<ReplicationDecision.Accept>();

        Text(accept.Entries[3].CanonicalJson).ShouldStartWith("{\"certificateNumber\":");
    }

    [Fact]
    public void A_round_verified_page_by_page_reaches_the_same_state_as_one_at_once()
    {
        var state = Replicated();
        taiwan.Append(20);
        var sth = taiwan.TreeHead();
        var round = ReplicationRound.Start(taiwan.Identity, state, sth, taiwan.ConsistencyProof(5));
        var staged = new List<ReplicatedEntry>();

        while (round.NextIndex < round.End)
        {
            staged.AddRange(round.Add(taiwan.Entries(round.NextIndex, Math.Min(round.NextIndex + 7, round.End))));
        }

        var accept = round.Complete().ShouldBeOfType<ReplicationDecision.Accept>();
        staged.Select(e => e.Index).ShouldBe(Enumerable.Range(5, 20).Select(i => (long)i));
        accept.State.Frontier.RootHash().ShouldBe(sth.RootHash);
    }

    [Fact]
    public void A_tree_head_signed_by_another_key_is_for_another_log()
    {
        using var impostor = new PartnerLog().Append(5);

        var diverged = Diverged(
            Replication.Decide(taiwan.Identity, null, impostor.TreeHead(), [], impostor.Entries(0)),
            DivergenceReason.WrongLogId
        );

        diverged.Detail.ShouldContain("TW's registered log");
    }

    [Fact]
    public void A_tree_head_for_another_economy_is_for_another_log()
    {
        Diverged(
            Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(economy: "JP"), [], taiwan.Entries(0)),
            DivergenceReason.WrongLogId
        );
    }

    [Fact]
    public void A_tree_head_whose_signature_does_not_cover_its_root_is_refused()
    {
        var sth = taiwan.TreeHead();
        var forged = new SignedTreeHead(
            sth.LogId,
            sth.Economy,
            sth.TreeSize,
            MerkleTree.RootHash(LeafHashes(5)),
            sth.Timestamp,
            sth.Signature
        );

        Diverged(Replication.Decide(taiwan.Identity, null, forged, [], taiwan.Entries(0)), DivergenceReason.BadSignature);
    }

    [Fact]
    public void A_log_that_signs_fewer_entries_than_before_shrank()
    {
        var state = Replicated();
        using var truncated = new PartnerLog(key: taiwan.Key).Append(3);

        Diverged(Replication.Decide(taiwan.Identity, state, truncated.TreeHead(), [], []), DivergenceReason.TreeShrank);
    }

    [Fact]
    public void A_log_that_rewrote_a_verified_entry_is_inconsistent()
    {
        var state = Replicated();
        using var rewritten = new PartnerLog(key: taiwan.Key)
            .Append(5, sequence =>
                Granted(sequence, $"TW{1000 + sequence}") with
                {
                    Event = sequence == 2 ? StatusEvent.Revoked : StatusEvent.Granted,
                }
            )
            .Append(3);

        var diverged = Diverged(
            Replication.Decide(taiwan.Identity, state, rewritten.TreeHead(), rewritten.ConsistencyProof(5), rewritten.Entries(5)),
            DivergenceReason.Inconsistent
        );

        diverged.Detail.ShouldContain("history was rewritten");
    }

    [Fact]
    public void A_rewritten_log_cannot_hide_behind_a_same_size_tree_head()
    {
        var state = Replicated();
        using var rewritten = new PartnerLog(key: taiwan.Key).Append(5, sequence => Granted(sequence, $"TW{2000 + sequence}"));

        Diverged(Replication.Decide(taiwan.Identity, state, rewritten.TreeHead(), [], []), DivergenceReason.Inconsistent);
    }

    [Fact]
    public void A_tampered_stored_entry_does_not_rebuild_the_signed_root()
    {
        var state = Replicated();
        taiwan.Append(4);
        taiwan.Tamper(7, json => json.Replace("\"event\":\"Granted\"", "\"event\":\"Suspended\"", StringComparison.Ordinal));

        var diverged = Diverged(
            Replication.Decide(taiwan.Identity, state, taiwan.TreeHead(), taiwan.ConsistencyProof(5), taiwan.Entries(5)),
            DivergenceReason.EntriesDoNotRebuildRoot
        );

        diverged.Detail.ShouldContain("[5, 9)");
    }

    [Fact]
    public void A_tampered_entry_that_also_became_unreadable_is_reported_as_tampering()
    {
        taiwan.Tamper(2, json => json.Replace("\"sequence\":2", "\"sequence\":\"two\"", StringComparison.Ordinal));

        Diverged(
            Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0)),
            DivergenceReason.EntriesDoNotRebuildRoot
        );
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Too_few_or_too_many_entries_do_not_rebuild_the_root(int difference)
    {
        var state = Replicated();
        taiwan.Append(4);
        var entries = difference < 0 ? taiwan.Entries(5, 8) : [.. taiwan.Entries(5), .. taiwan.Entries(0, 1)];

        Diverged(
            Replication.Decide(taiwan.Identity, state, taiwan.TreeHead(), taiwan.ConsistencyProof(5), entries),
            DivergenceReason.EntriesDoNotRebuildRoot
        );
    }

    [Fact]
    public void A_signed_leaf_that_is_not_a_status_entry_is_malformed()
    {
        taiwan.AppendRaw(Utf8("""{"hello":"world"}"""));

        var diverged = Diverged(
            Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0)),
            DivergenceReason.MalformedEntry
        );

        diverged.Detail.ShouldStartWith("Entry 5:");
    }

    [Fact]
    public void A_signed_entry_claiming_another_position_is_malformed()
    {
        taiwan.Append(1, _ => Granted(99));

        var diverged = Diverged(
            Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0)),
            DivergenceReason.MalformedEntry
        );

        diverged.Detail.ShouldContain("entry 99");
    }

    [Theory]
    [InlineData("""{"sequence":5,"score":0.5}""")]
    [InlineData("not json at all")]
    public void An_entry_without_a_canonical_form_cannot_be_hashed_and_is_malformed(string served)
    {
        taiwan.AppendRaw(Utf8(served));

        Diverged(Replication.Decide(taiwan.Identity, null, taiwan.TreeHead(), [], taiwan.Entries(0)), DivergenceReason.MalformedEntry);
    }

    [Fact]
    public void A_round_that_fails_on_its_tree_head_needs_no_entries()
    {
        var sth = taiwan.TreeHead();
        var forged = new SignedTreeHead(sth.LogId, sth.Economy, 6, sth.RootHash, sth.Timestamp, sth.Signature);

        var round = ReplicationRound.Start(taiwan.Identity, null, forged, []);

        round.Divergence.ShouldNotBeNull().Reason.ShouldBe(DivergenceReason.BadSignature);
        round.Add(taiwan.Entries(0)).ShouldBeEmpty();
        round.Complete().ShouldBeSameAs(round.Divergence);
    }

    [Fact]
    public void A_stored_replica_state_must_rebuild_its_tree_head()
    {
        var state = Replicated();

        ReplicaState.Create(state.TreeHead, state.Frontier).IsOk.ShouldBeTrue();
        ReplicaState
            .Create(state.TreeHead, state.Frontier.Append(LeafHashes(1)))
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("replica.frontier");
        ReplicaState
            .Create(state.TreeHead, MerkleFrontier.FromLeafHashes(LeafHashes(5)))
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("replica.frontier");
    }
}
