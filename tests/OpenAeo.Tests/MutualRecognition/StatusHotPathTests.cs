using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// ADR 0010: a repeated status lookup reads nothing but the caller's key, a new one is one statement; what this
/// process committed before a request (certificate events, consent changes, partner retirement) is served by that
/// request, and what another process committed within <c>Exchange:StatusCacheSeconds</c>.
/// </summary>
public sealed class StatusHotPathTests
{
    private const string Tin = CertifiedExporter.Tin;

    private static async Task<(HttpClient Officer, HttpClient Japan)> Exchanging(OpenAeoApp app)
    {
        var officer = await CertifiedExporter.Certified(app);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        (
            await app.Cli(
                ExchangeSetUp.AddPartner("JP", "https://127.0.0.1:9", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), "k")
            )
        ).Exit.ShouldBe(0);
        return (officer, await app.ClientAs(Role.Partner));
    }

    private static async Task<IndexedEntry> Status(HttpClient partner)
    {
        var response = await partner.GetAsync($"/exchange/v1/status/{Tin}");
        return await response.Read<IndexedEntry>(200);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspension_committed_between_two_lookups_is_served_by_the_second(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (officer, japan) = await Exchanging(app);
        var first = await Status(japan);
        first.Index.ShouldBe(0);
        first.Status.Event.ShouldBe(StatusEvent.Granted);
        (await Status(japan)).Index.ShouldBe(0);

        var id = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={Tin}"))![0].Id;
        (await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Audit finding" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );

        var second = await Status(japan);
        second.Index.ShouldBe(1);
        second.Status.Event.ShouldBe(StatusEvent.Suspended);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_consent_withdrawal_is_served_by_the_next_lookup_and_sth_covers_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (officer, japan) = await Exchanging(app);
        (await Status(japan)).Status.Event.ShouldBe(StatusEvent.Granted);

        await CertifiedExporter.WithdrawConsent(officer);

        (await Status(japan)).Status.Event.ShouldBe(StatusEvent.ConsentWithdrawn);
        (await japan.TreeHeadAsync()).TreeSize.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_repeated_lookup_reads_nothing_and_a_new_tin_one_statement(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (_, japan) = await Exchanging(app);
        await Status(japan);
        await Status(japan);
        var connection = await app.WithDb(db => Task.FromResult(db.Database.GetConnectionString()));

        using (var counter = new CommandCounter(connection!))
        {
            await Status(japan);

            // The partner's API key was remembered by the node (ADR 0046) and the answer comes from memory: nothing is read.
            counter.Count.ShouldBe(0, string.Join("\n---\n", counter.Commands));
        }

        using (var counter = new CommandCounter(connection!))
        {
            (await japan.GetAsync("/exchange/v1/status/TW99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            // A TIN not asked before: partner, watermark and entry in one statement (the key is still remembered).
            counter.Count.ShouldBe(1, string.Join("\n---\n", counter.Commands));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_change_written_by_another_process_is_served_within_the_cache_bound(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (_, japan) = await Exchanging(app);
        await Status(japan);
        await Status(japan);
        var connection = await app.WithDb(db => Task.FromResult(db.Database.GetConnectionString()));

        // Another process (the CLI, another web node) retires the partner: this process did not write, so it may serve
        // from memory for at most Exchange:StatusCacheSeconds (2 s by default).
        await using (
            DbConnection other =
                provider == "Postgres" ? new Npgsql.NpgsqlConnection(connection) : new Microsoft.Data.Sqlite.SqliteConnection(connection)
        )
        {
            await other.OpenAsync();
            await using var retire = other.CreateCommand();
            retire.CommandText = "UPDATE mr_partners SET \"Health\" = 'Retired' WHERE \"Economy\" = 'JP'";
            (await retire.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        (await japan.GetAsync($"/exchange/v1/status/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        (await japan.GetAsync($"/exchange/v1/status/{Tin}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retired_partner_is_refused_by_the_next_request(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var (_, japan) = await Exchanging(app);
        await Status(japan);

        var admin = await app.ClientAs(Role.Admin);
        (await admin.PostAsJsonAsync("/api/v1/partners/JP/retirement", new { reason = "The node moved" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );

        var refused = await japan.GetAsync($"/exchange/v1/status/{Tin}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await japan.GetAsync("/exchange/v1/sth")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Counts the SQL commands EF Core runs against one database (other tests run in parallel on theirs).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string connection;
        private readonly List<IDisposable> subscriptions = [];
        private readonly List<string> commands = [];

        public CommandCounter(string connection)
        {
            this.connection = connection;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count
        {
            get
            {
                lock (commands)
                {
                    return commands.Count;
                }
            }
        }

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (commands)
                {
                    return [.. commands];
                }
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (
                value.Key == RelationalEventId.CommandExecuted.Name
                && value.Value is CommandExecutedEventData data
                && data.Context?.Database.GetConnectionString() == connection
            )
            {
                lock (commands)
                {
                    commands.Add(data.Command.CommandText);
                }
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
