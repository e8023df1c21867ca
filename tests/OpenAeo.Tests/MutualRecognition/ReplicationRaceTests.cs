using Microsoft.AspNetCore.Hosting;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.Platform;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 11 item 9: "exchange pull run while the server replicates once crashed on a unique constraint". Replication of
/// one partner is serialised by a lease in the database; every loser of the race gets a clear message (ADR 0019). Here
/// Tokyo replicates a real Taipei node (both hosted in this process, Tokyo's exchange client wired to Taipei's server).
/// </summary>
public sealed class ReplicationRaceTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pulls_of_one_partner_at_once_from_the_worker_the_CLI_and_the_API_end_with_one_replica_and_clear_answers(
        string provider
    )
    {
        await using var nodes = await TwoNodes.Create(provider);
        await nodes.CertifyInTaipei(1, 2_500);
        var size = await nodes.TaipeiLogSize();
        size.ShouldBe(2_500);

        await RaceAsync(nodes, expectedSize: size);

        // Taipei certifies more; the next race starts from the verified head and extends it.
        await nodes.CertifyInTaipei(2_501, 600);
        await RaceAsync(nodes, expectedSize: size + 600);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_pull_while_another_process_replicates_the_partner_says_so_on_the_CLI_and_the_API_and_changes_nothing(
        string provider
    )
    {
        await using var nodes = await TwoNodes.Create(provider);
        await nodes.CertifyInTaipei(1, 3);
        using var other = new ForeignHolder();
        await other.Holds(nodes.Tokyo, PartnerReplicator.LeaseName("TW"), "serve", OpenAeoApp.Start.AddSeconds(-12));
        var expected =
            "Replication of TW is already running (started at 2026-03-02 08:59:48 UTC by openaeo serve (process "
            + $"{other.Id} on {Environment.MachineName})).";

        var (exit, output, error) = await nodes.Tokyo.Cli("exchange", "pull", "--partner", "TW");
        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe($"TW: {expected}");
        (await nodes.Tokyo.Cli("exchange", "pull")).Exit.ShouldBe(
            1,
            "every partner is pulled, and a partner held elsewhere is not a success"
        );

        var api = await nodes.TokyoAdmin.PostAsync("/api/v1/partners/TW/pull", null);
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Read<Problem>()).Detail.ShouldBe(expected);

        var partner = await nodes.Tokyo.WithDb(db => db.Partners().AsNoTracking().SingleAsync(p => p.Economy == "TW"));
        partner.Health.ShouldBe(PartnerHealth.New, "losing the race is not a failure of the partner: no alert, no back-off");
        partner.Failures.ShouldBe(0);
        (await nodes.Tokyo.WithDb(db => db.ReplicaEntries().CountAsync())).ShouldBe(0);

        await other.KillAsync();
        (await nodes.Tokyo.Cli("exchange", "pull", "--partner", "TW")).Output.ShouldContain("TW: Healthy, tree size 3, 3 new entries.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rows_past_the_verified_size_left_by_an_interrupted_change_are_replaced_by_the_next_round(string provider)
    {
        await using var nodes = await TwoNodes.Create(provider);
        await nodes.CertifyInTaipei(1, 5);
        (await nodes.Tokyo.Cli("exchange", "pull")).Exit.ShouldBe(0);

        // What a key change racing a round could leave on PostgreSQL: entries of the old log beyond the verified size.
        await nodes.Tokyo.WithDb(async db =>
        {
            db.ReplicaEntries()
                .AddRange(
                    Enumerable
                        .Range(5, 3)
                        .Select(i => new ReplicaEntry
                        {
                            Partner = "TW",
                            Index = i,
                            Tin = "TW99999999",
                            Json = "{\"stale\":true}",
                        })
                );
            await db.SaveChangesAsync();
        });
        await nodes.CertifyInTaipei(6, 4);

        var (exit, output, error) = await nodes.Tokyo.Cli("exchange", "pull", "--partner", "TW");

        exit.ShouldBe(0, error);
        output.ShouldContain("TW: Healthy, tree size 9, 4 new entries.");
        (await nodes.Tokyo.WithDb(db => db.ReplicaEntries().CountAsync(e => e.Tin == "TW99999999"))).ShouldBe(0);
        (await nodes.Tokyo.WithDb(db => db.ReplicaEntries().CountAsync())).ShouldBe(9);
    }

    private static async Task RaceAsync(TwoNodes nodes, long expectedSize)
    {
        var replicator = nodes.Tokyo.Services.GetRequiredService<PartnerReplicator>();
        var outcomes = await Task.WhenAll(
            Enumerable
                .Range(0, 12)
                .Select(i =>
                    Task.Run(async () =>
                    {
                        switch (i % 3)
                        {
                            case 0:
                                var (exit, output, error) = await nodes.Tokyo.Cli("exchange", "pull", "--partner", "TW");
                                exit.ShouldBeOneOf(0, 1);
                                return (Ok: exit == 0, Message: (exit == 0 ? output : error).Trim());
                            case 1:
                                var response = await nodes.TokyoAdmin.PostAsync("/api/v1/partners/TW/pull", null);
                                response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
                                if (response.StatusCode == HttpStatusCode.OK)
                                {
                                    var pulled = await response.Read<PartnerResponse>();
                                    return (Ok: pulled.Health == "Healthy", Message: pulled.ToString());
                                }

                                return (Ok: false, Message: (await response.Read<Problem>()).Detail!);
                            default:
                                await using (var scope = nodes.Tokyo.Services.CreateAsyncScope())
                                {
                                    var result = await replicator.PullAsync(
                                        scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                                        "TW",
                                        CancellationToken.None
                                    );
                                    return (Ok: result.Succeeded, Message: result.Error ?? "Healthy");
                                }
                        }
                    })
                )
        );

        outcomes.ShouldContain(o => o.Ok);
        foreach (var (ok, message) in outcomes.Where(o => !o.Ok))
        {
            message.ShouldMatch(
                @"Replication of TW is already running \(started at 2026-03-02 09:00:00 UTC by .+\)\.|the partner "
                    + @"was replicated by another process",
                "a loser is told who replicates (or that someone did), never an error"
            );
        }

        var partner = await nodes.Tokyo.WithDb(db => db.Partners().AsNoTracking().SingleAsync(p => p.Economy == "TW"));
        partner.Health.ShouldBe(PartnerHealth.Healthy);
        partner.TreeSize.ShouldBe(expectedSize);
        var (count, max) = await nodes.Tokyo.WithDb(async db =>
            (await db.ReplicaEntries().CountAsync(), await db.ReplicaEntries().MaxAsync(e => e.Index))
        );
        count.ShouldBe((int)expectedSize);
        max.ShouldBe(expectedSize - 1);
        (await nodes.Tokyo.WithDb(db => db.Leases().CountAsync())).ShouldBe(0, "every round released its lease");
        (
            await nodes.Tokyo.WithDb(db =>
                db.AuditEntries().CountAsync(a => a.Action.StartsWith("partner.") && a.Action != "partner.registered")
            )
        ).ShouldBe(0, "nobody was alerted: no round diverged or failed");
    }
}

/// <summary>Taipei and Tokyo hosted in this process on their own databases; Tokyo's exchange client talks to Taipei's server.</summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(OpenAeoApp taipei, OpenAeoApp tokyo, HttpClient tokyoAdmin)
    {
        Taipei = taipei;
        Tokyo = tokyo;
        TokyoAdmin = tokyoAdmin;
    }

    public OpenAeoApp Taipei { get; }

    public OpenAeoApp Tokyo { get; }

    public HttpClient TokyoAdmin { get; }

    public static async Task<TwoNodes> Create(string provider)
    {
        var taipei = (await OpenAeoApp.On(provider)).Started();
        var tokyo = (
            await OpenAeoApp.On(provider, configure: b =>
                b.UseSetting("Node:Economy", "JP")
                    .ConfigureServices(s =>
                        s.AddHttpClient(PartnerReplicator.HttpClientName)
                            .ConfigurePrimaryHttpMessageHandler(() => taipei.Server.CreateHandler())
                    )
            )
        ).Started();
        var taipeiKey = (await taipei.Anonymous().Get<ExchangeIdentity>("/exchange/v1/identity")).PublicKey;
        var tokyoKey = (await tokyo.Anonymous().Get<ExchangeIdentity>("/exchange/v1/identity")).PublicKey;
        var tokyosKeyAtTaipei = (await taipei.Cli(ExchangeSetUp.PartnerAccount("japan-customs", "JP"))).Output.Trim();
        (await taipei.Cli(ExchangeSetUp.AddPartner("JP", "https://jp.test", tokyoKey, "not-used-here"))).Exit.ShouldBe(0);
        (await tokyo.Cli(ExchangeSetUp.AddPartner("TW", "https://tw.test", taipeiKey, tokyosKeyAtTaipei))).Exit.ShouldBe(0);
        return new TwoNodes(taipei, tokyo, await tokyo.ClientAs(Role.Admin));
    }

    /// <summary>Consenting operators with one active certificate each, imported in Taipei: one log entry each once published.</summary>
    public async Task CertifyInTaipei(int first, int count)
    {
        var tins = Enumerable.Range(first, count).Select(i => $"TW{i:D8}").ToList();
        var (operators, certificates) = await ExchangeSetUp.CertifiedExporters(Taipei.DataFolder, tins, $"-{first}");
        (await Taipei.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        (await Taipei.Cli("certificates", "import", certificates)).Exit.ShouldBe(0);
    }

    /// <summary>The size of Taipei's log after it published what is pending (its <c>exchange verify</c> publishes first).</summary>
    public async Task<long> TaipeiLogSize()
    {
        var (exit, output, error) = await Taipei.Cli("exchange", "verify");
        exit.ShouldBe(0, error);
        return long.Parse(output.Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        TokyoAdmin.Dispose();
        await Tokyo.DisposeAsync();
        await Taipei.DisposeAsync();
    }
}
