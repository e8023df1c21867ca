namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// The race of issue 11 item 9 as it happened: Tokyo's server replicating Taipei every second while people run
/// <c>openaeo exchange pull</c> against the same database, all real processes. Every pull ends healthy or says who is
/// replicating; none ends in an exception; the replica ends whole.
/// </summary>
public sealed class ReplicationProcessesTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Exchange_pull_while_the_server_replicates_ends_healthy_or_says_who_replicates(string provider)
    {
        const int Entries = 2_500;
        await using var tw = await OpenAeoNode.On(provider, "TW");
        await using var jp = await OpenAeoNode.On(provider, "JP", "--Exchange:PullIntervalSeconds=1");
        var twIdentity = Api.Parse<ExchangeIdentity>(await tw.CliOk("exchange", "identity"));
        var jpIdentity = Api.Parse<ExchangeIdentity>(await jp.CliOk("exchange", "identity"));
        var jpKeyAtTw = await tw.CliOk(ExchangeSetUp.PartnerAccount("japan-customs", "JP"));
        await tw.CliOk(ExchangeSetUp.AddPartner("JP", jp.BaseUrl, jpIdentity.PublicKey, "unused"));
        await jp.CliOk(ExchangeSetUp.AddPartner("TW", tw.BaseUrl, twIdentity.PublicKey, jpKeyAtTw));

        var tins = Enumerable.Range(1, Entries).Select(i => $"TW{i:D8}").ToList();
        var (operators, certificates) = await ExchangeSetUp.CertifiedExporters(tw.Folder, tins);
        await tw.CliOk("operators", "import", operators);
        await tw.CliOk("certificates", "import", certificates);
        (await tw.CliOk("exchange", "verify")).ShouldBe($"The log of TW is sound: {Entries} entries rebuild the signed root.");
        await tw.StartAsync();

        // Tokyo's server starts replicating on its first tick; four people pull at the same moment.
        jp.Spawn();
        var pulls = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => jp.Cli("exchange", "pull", "--partner", "TW")));

        foreach (var (exit, output, error) in pulls)
        {
            exit.ShouldBeOneOf(0, 1);
            error.ShouldNotContain("Unhandled exception");
            error.ShouldNotContain("   at ");
            if (exit == 0)
            {
                output.ShouldMatch(@"^TW: Healthy, tree size 2500, \d+ new entries\.\s*$");
            }
            else
            {
                error
                    .Trim()
                    .ShouldMatch(
                        @"^TW: (Replication of TW is already running \(started at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d "
                            + @"UTC by openaeo (serve|exchange pull) \(process \d+ on .+\)\)\.|Replication of TW: the "
                            + @"partner was replicated by another process \(tree size \d+\) while this round ran; "
                            + @"nothing of this round was applied\.)$"
                    );
            }
        }

        // The server's worker keeps the replica current; whoever won, the replica is Taipei's log, whole and once.
        for (
            var attempt = 0;
            attempt < 300 && await jp.Count("SELECT COUNT(*) FROM mr_partners WHERE \"Economy\" = 'TW' AND \"TreeSize\" = 2500") == 0;
            attempt++
        )
        {
            await Task.Delay(200);
        }

        (
            await jp.Count("SELECT COUNT(*) FROM mr_partners WHERE \"Economy\" = 'TW' AND \"TreeSize\" = 2500 AND \"Health\" = 'Healthy'")
        ).ShouldBe(1, jp.Log);
        (await jp.Count("SELECT COUNT(*) FROM mr_replica_entries WHERE \"Partner\" = 'TW'")).ShouldBe(Entries);
        (await jp.Count("SELECT MAX(\"Index\") FROM mr_replica_entries WHERE \"Partner\" = 'TW'")).ShouldBe(Entries - 1);
        (await jp.Count("SELECT COUNT(*) FROM platform_audit WHERE \"Action\" IN ('partner.diverged', 'partner.unreachable')")).ShouldBe(
            0,
            "no round failed"
        );
        jp.Log.ShouldNotContain("Unhandled exception");
        jp.Log.ShouldNotContain("Replication pass failed");
    }
}
