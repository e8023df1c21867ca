using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 10, item 3: every certificate event reaches the status log exactly once, whatever order events commit in and
/// however many publishers run on one database. PostgreSQL assigns ids at insert, not at commit, so both tests need it.
/// </summary>
public sealed class Every_certificate_event_reaches_the_log_exactly_once : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-once-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<List<int>> Certified(OpenAeoApp app, int count)
    {
        var tins = Enumerable.Range(1, count).Select(i => $"TW{50000000 + i}").ToList();
        var operators = Path.Combine(folder, "operators.csv");
        await File.WriteAllLinesAsync(
            operators,
            ["tin,legal_name,economy,roles,employees,consent", .. tins.Select(t => $"{t},Operator {t},TW,Exporter,20,true")]
        );
        var certificates = Path.Combine(folder, "certificates.csv");
        await File.WriteAllLinesAsync(
            certificates,
            ["tin,programme,certificate_number,valid_from,status", .. tins.Select(t => $"{t},TW,CERT-{t},2020-01-01,Active")]
        );
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        var imported = await app.Cli("certificates", "import", certificates);
        imported.Exit.ShouldBe(0, imported.Error);
        return await app.WithDb(db => db.Certificates().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
    }

    private static Task<int> Publish(OpenAeoApp node) =>
        node.WithDb(db =>
            StatusPublisher.RunAsync(
                db,
                node.Services.GetRequiredService<NodeIdentity>(),
                node.Clock,
                node.Services.GetRequiredService<PublicationMark>(),
                CancellationToken.None
            )
        );

    private static Task<int> Unpublished(OpenAeoApp app) =>
        app.WithDb(db => db.CertificateEvents().CountAsync(e => !db.PublishedEvents().Any(p => p.EventId == e.Id)));

    /// <summary>Per certificate number, the events its log entries publish, in log order: "CERT-1: Granted, Suspended".</summary>
    private static Task<List<string>> LoggedEvents(OpenAeoApp app) =>
        app.WithDb(async db =>
            (await db.LogEntries().OrderBy(e => e.Index).Select(e => e.Json).ToListAsync())
                .Select(Exchange.Entry)
                .GroupBy(e => e.CertificateNumber!)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Event))}")
                .Order(StringComparer.Ordinal)
                .ToList()
        );

    /// <summary>Per certificate number, its events in the order they were recorded.</summary>
    private static Task<List<string>> CertificateEvents(OpenAeoApp app) =>
        app.WithDb(async db =>
            (await db.Certificates().Include(c => c.Events).ToListAsync())
                .Select(c => $"{c.Number}: {string.Join(", ", c.Events.OrderBy(e => e.Id).Select(e => e.Kind.ToString()))}")
                .Order(StringComparer.Ordinal)
                .ToList()
        );

    [Fact]
    public async Task An_event_committed_after_a_later_one_was_published_is_published_too()
    {
        await using var app = await OpenAeoApp.OnPostgres();
        var ids = await Certified(app, 2);
        (await Publish(app)).ShouldBe(2);
        var officer = Actor.Cli;

        // Transaction A suspends the first certificate and takes the lower event id, but commits last.
        await using var scopeA = app.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<OpenAeoDb>();
        await using var slow = await dbA.Database.BeginTransactionAsync();
        (
            await SuspendCertificate.Execute(
                ids[0],
                new SuspensionRequest("Seal irregularities", null),
                officer,
                dbA,
                app.Clock,
                CancellationToken.None
            )
        ).Errors.ShouldBeEmpty();
        var slowEvent = await dbA.CertificateEvents().Where(e => e.CertificateId == ids[0]).MaxAsync(e => e.Id);

        // Meanwhile B suspends the second certificate with a higher id, commits, and the publisher runs.
        await app.WithDb(async db =>
            (
                await SuspendCertificate.Execute(
                    ids[1],
                    new SuspensionRequest("Audit finding", null),
                    officer,
                    db,
                    app.Clock,
                    CancellationToken.None
                )
            ).Errors.ShouldBeEmpty()
        );
        (await app.WithDb(db => db.CertificateEvents().MaxAsync(e => e.Id))).ShouldBeGreaterThan(slowEvent);
        (await Publish(app)).ShouldBe(1);

        await slow.CommitAsync();
        (await Publish(app)).ShouldBe(1, "the event committed out of id order is published on the next run");

        var logged = await LoggedEvents(app);
        logged.ShouldBe(await CertificateEvents(app));
        (await Unpublished(app)).ShouldBe(0);
        (await app.Cli("exchange", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task Many_writers_and_two_nodes_publishing_on_one_database_leave_one_entry_per_event()
    {
        const int Certificates = 40;
        const int EventsEach = 5; // suspend, reinstate, suspend, reinstate, suspend
        await using var first = await OpenAeoApp.OnPostgres();
        var ids = await Certified(first, Certificates);
        await using var second = first.SharingDatabase();
        second.Started();
        var nodes = new[] { first, second };
        var officer = Actor.Cli;

        var writing = true;
        var publishers = nodes
            .Select(node =>
                Task.Run(async () =>
                {
                    var runs = 0;
                    while (Volatile.Read(ref writing) || runs == 0)
                    {
                        await Publish(node);
                        runs++;
                    }

                    return runs;
                })
            )
            .ToList();

        // Eight writers, each changing its own certificates through both nodes, all at once.
        var writers = Enumerable
            .Range(0, 8)
            .Select(w =>
                Task.Run(async () =>
                {
                    foreach (var id in ids.Where((_, i) => i % 8 == w))
                    {
                        for (var n = 0; n < EventsEach; n++)
                        {
                            var node = nodes[(id + n) % 2];
                            var outcome = await node.WithDb(db =>
                                n % 2 == 0
                                    ? OpenAeo.Certification.SuspendCertificate.Execute(
                                        id,
                                        new SuspensionRequest($"finding {n}", null),
                                        officer,
                                        db,
                                        node.Clock,
                                        CancellationToken.None
                                    )
                                    : OpenAeo.Certification.ReinstateCertificate.Execute(
                                        id,
                                        new ReasonRequest($"cleared {n}"),
                                        officer,
                                        db,
                                        node.Clock,
                                        CancellationToken.None
                                    )
                            );
                            outcome.Errors.ShouldBeEmpty();
                        }
                    }
                })
            )
            .ToList();
        await Task.WhenAll(writers);
        Volatile.Write(ref writing, false);
        (await Task.WhenAll(publishers)).ShouldAllBe(runs => runs > 0);

        // Whatever the racing publishers left, one more run on either node completes it (each lost race rolls back whole).
        for (var attempt = 0; attempt < 20 && await Unpublished(first) > 0; attempt++)
        {
            await Publish(nodes[attempt % 2]);
        }

        (await Unpublished(first)).ShouldBe(0);
        var entries = await first.WithDb(db => db.LogEntries().CountAsync());
        entries.ShouldBe(Certificates * (1 + EventsEach), "one entry per grant and one per event, none lost and none twice");
        (await first.WithDb(db => db.PublishedEvents().CountAsync(p => p.EntryIndex != null))).ShouldBe(entries);
        (await LoggedEvents(first)).ShouldBe(await CertificateEvents(first));
        var verify = await first.Cli("exchange", "verify");
        verify.Exit.ShouldBe(0, verify.Error);
    }
}
