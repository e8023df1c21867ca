using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Tests.MutualRecognition;
using OpenAeo.Tests.Platform;

namespace OpenAeo.Tests.Certification;

/// <summary>
/// Issue 11 item 9, the races of certification: many requests at once against one database, each race ending with one
/// winner and a clear answer (409, never 500) for every loser, and nothing doubled behind them (ADR 0019).
/// </summary>
public sealed class CertificationRacesTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Officers_granting_one_application_at_once_issue_one_certificate_and_the_others_are_told_it_was_granted(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW31");
        var id = await applicant.Validated();
        var officers = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => app.ClientAs(Role.ProgrammeOfficer, name: $"granting-officer-{i}"))
        );

        var responses = await Task.WhenAll(
            officers.Select(o =>
                Task.Run(() => o.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { text = "Meets the criteria." }))
            )
        );

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", statuses));
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            lost.StatusCode.ShouldBe(HttpStatusCode.Conflict, await lost.Content.ReadAsStringAsync());
            (await Detail(lost)).ShouldContain("granted", Case.Insensitive);
        }

        var certificates = await app.WithDb(db =>
            db.Certificates().AsNoTracking().Include(c => c.Events).Where(c => c.OperatorTin == Tin.FromTrusted("TW31")).ToListAsync()
        );
        certificates.Count.ShouldBe(1);
        certificates[0].ApplicationId.ShouldBe(id);
        certificates[0].Events.Select(e => e.Kind).ShouldBe([CertificateEventKind.Granted]);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "certificate.granted"))).ShouldBe(1);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "application.grant"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Applications_of_one_programme_granted_at_once_all_get_certificates_with_distinct_numbers(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var applicants = new List<(Applicant Applicant, int Id)>();
        foreach (var tin in new[] { "TW41", "TW42", "TW43", "TW44" })
        {
            var applicant = await Applicant.Register(app, tin, officer: officer);
            applicants.Add((applicant, await applicant.Validated()));
        }

        // Each grant takes "the next number of the programme"; all four read the same one, three lose it and take the next.
        var responses = await Task.WhenAll(
            applicants.Select(a => Task.Run(() => a.Applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{a.Id}/grant", new { })))
        );

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var numbers = await app.WithDb(db => db.Certificates().Select(c => c.Number).ToListAsync());
        numbers.Order().ShouldBe(["TW-AEO-2026-000001", "TW-AEO-2026-000002", "TW-AEO-2026-000003", "TW-AEO-2026-000004"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renewals_of_one_certificate_asked_at_once_open_one_application_and_the_others_are_told_which(string provider)
    {
        // A Mexican certificate runs two years (a Chinese Taipei one is indefinite: nothing to renew); its renewal
        // opens 180 days before the last valid day, so the clock moves into that window first.
        await using var app = await OpenAeoApp.On(provider, "MX");
        var applicant = await Applicant.Register(app, "MX51");
        var granted = await applicant.ByOfficer($"/api/v1/applications/{await applicant.Validated()}/grant", new { });
        var certificateId = granted.Decision.CertificateId;
        app.Clock.Advance(TimeSpan.FromDays(2 * 365 - 100));
        var manager = await app.ClientAs(Role.ProgrammeOfficer);

        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    Task.Run(() =>
                        (i % 2 == 0 ? applicant.Trader : manager).PostAsync($"/api/v1/certificates/{certificateId}/renewal", null)
                    )
                )
        );

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", responses.Select(r => r.StatusCode)));
        var opened = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Read<ApplicationResponse>();
        var reference = opened.Reference;
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            lost.StatusCode.ShouldBe(HttpStatusCode.Conflict, await lost.Content.ReadAsStringAsync());
            (await Detail(lost)).ShouldContain($"already has an open application, {reference}");
        }

        var open = await app.WithDb(db =>
            db.Applications().Where(a => a.OperatorTin == Tin.FromTrusted("MX51") && a.State != ApplicationState.Granted).ToListAsync()
        );
        open.Count.ShouldBe(1);
        open[0].RenewalOfCertificateId.ShouldBe(certificateId);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "application.started" && a.Reason == "renewal"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Operators_starting_applications_at_once_all_start_with_distinct_references(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var applicants = new List<Applicant>();
        foreach (var tin in Enumerable.Range(61, 6).Select(i => $"TW{i}"))
        {
            applicants.Add(await Applicant.Register(app, tin, officer: officer));
        }

        var responses = await Task.WhenAll(
            applicants.Select(a => Task.Run(() => a.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Sme" })))
        );

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var references = await app.WithDb(db => db.Applications().Select(a => a.Reference).ToListAsync());
        references.Order().ShouldBe(Enumerable.Range(1, 6).Select(i => $"TW-2026-{i:D6}"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Officers_suspending_one_certificate_at_once_record_one_suspension(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW71");
        var certificateId = (await applicant.ByOfficer($"/api/v1/applications/{await applicant.Validated()}/grant", new { }))
            .Decision
            .CertificateId;
        var officers = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => app.ClientAs(Role.ProgrammeOfficer, name: $"suspending-officer-{i}"))
        );

        var responses = await Task.WhenAll(
            officers.Select(
                (o, i) =>
                    Task.Run(() =>
                        o.PostAsJsonAsync(
                            $"/api/v1/certificates/{certificateId}/suspension",
                            new { reason = $"Finding {i} under investigation", effectiveFrom = "2026-03-02" }
                        )
                    )
            )
        );

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", responses.Select(r => r.StatusCode)));
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            lost.StatusCode.ShouldBe(HttpStatusCode.Conflict, await lost.Content.ReadAsStringAsync());
            (await Detail(lost)).ShouldContain("suspended", Case.Insensitive);
        }

        var certificate = await app.WithDb(db =>
            db.Certificates().AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == certificateId)
        );
        certificate.Events.Select(e => e.Kind).ShouldBe([CertificateEventKind.Granted, CertificateEventKind.Suspended]);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "certificate.suspended"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Certification_jobs_run_at_once_expire_each_certificate_once_and_the_others_say_who_runs_them(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var folder = app.DataFolder;
        var tins = Enumerable.Range(1, 30).Select(i => $"TW9{i:D4}").ToList();
        await File.WriteAllLinesAsync(
            Path.Combine(folder, "operators.csv"),
            [
                "tin,legal_name,economy,roles,employees,turnover,sector,consent",
                .. tins.Select(t => $"{t},Operator {t},TW,Exporter,20,,Machinery,true"),
            ]
        );
        await File.WriteAllLinesAsync(
            Path.Combine(folder, "certificates.csv"),
            [
                "tin,programme,certificate_number,tier,valid_from,valid_until,status",
                .. tins.Select(t => $"{t},TW,TW-OLD-{t},,2023-03-01,2026-02-27,Active"),
            ]
        );
        (await app.Cli("operators", "import", Path.Combine(folder, "operators.csv"))).Exit.ShouldBe(0);
        (await app.Cli("certificates", "import", Path.Combine(folder, "certificates.csv"))).Exit.ShouldBe(0);
        var leases = app.Services.GetRequiredService<DatabaseLeases>();

        // The CLI verb and the server's tick (RunExclusive with its own unit of work) at the same time, several of each.
        var runs = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    Task.Run(async () =>
                    {
                        if (i % 2 == 0)
                        {
                            var (exit, output, error) = await app.Cli("certification", "jobs");
                            return (Ok: exit == 0, Text: exit == 0 ? output : error, Exit: exit);
                        }

                        await using var scope = app.Services.CreateAsyncScope();
                        var run = await CertificationJobs.RunExclusive(
                            leases,
                            scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                            app.Clock,
                            CancellationToken.None
                        );
                        return (
                            Ok: run.Report is not null,
                            Text: run.Report is { } r ? $"{r.Expired} expired" : run.Refusal!,
                            Exit: run.Report is null ? 1 : 0
                        );
                    })
                )
        );

        var expired = 0;
        foreach (var (ok, text, exit) in runs)
        {
            if (ok)
            {
                expired += int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                exit.ShouldBe(1);
                text.ShouldStartWith("Certification jobs are already running (started at 2026-03-02 09:00:00 UTC by ");
            }
        }

        expired.ShouldBe(tins.Count, "each certificate expired exactly once, by whichever run held the lease");
        var events = await app.WithDb(db => db.CertificateEvents().Where(e => e.Kind == CertificateEventKind.Expired).CountAsync());
        events.ShouldBe(tins.Count);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "certificate.expired"))).ShouldBe(tins.Count);
        (await app.WithDb(db => db.Leases().CountAsync())).ShouldBe(0, "every run released its lease");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Certification_jobs_held_by_another_live_process_are_refused_with_its_name_and_start(string provider)
    {
        await using var app = (await OpenAeoApp.On(provider)).Started();
        using var server = new ForeignHolder();
        await server.Holds(app, CertificationJobs.LeaseName, "serve", OpenAeoApp.Start.AddSeconds(-5));

        var (exit, output, error) = await app.Cli("certification", "jobs");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith(
            "Certification jobs are already running (started at 2026-03-02 08:59:55 UTC by openaeo serve (process "
                + $"{server.Id} on {Environment.MachineName}))."
        );

        await server.KillAsync();
        (await app.Cli("certification", "jobs")).Exit.ShouldBe(0, "the holder was killed: its lease is free");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trader_saving_one_answer_from_several_tabs_at_once_keeps_one_answer_and_gets_no_server_error(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW81");
        var id = (await applicant.Start()).Id;
        var application = await applicant.Get(id);
        var pack = await app.Anonymous().Get<CriteriaPackResponse>($"/api/v1/criteria-packs/{application.CriteriaPackId}");
        var code = pack.Questions[0].Code!;

        // No use case answers this race itself: the platform's last line does (409, nothing saved), never a 500.
        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    Task.Run(() =>
                        applicant.Trader.PutAsJsonAsync(
                            $"/api/v1/applications/{id}/answers/{code}",
                            new { text = $"Procedure, draft {i}." }
                        )
                    )
                )
        );

        responses.ShouldContain(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            lost.StatusCode.ShouldBe(HttpStatusCode.Conflict, await lost.Content.ReadAsStringAsync());
            (await Detail(lost)).ShouldBe(
                "Someone else added the same record while your request ran; nothing was saved. Reload and try again."
            );
        }

        (await app.WithDb(db => db.Answers().CountAsync(a => a.ApplicationId == id && a.QuestionCode == code))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_register_imported_twice_at_once_is_imported_once_and_the_other_import_writes_nothing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var tins = Enumerable.Range(1, 400).Select(i => $"TW8{i:D5}").ToList();
        var (operators, register) = await ExchangeSetUp.CertifiedExporters(app.DataFolder, tins);
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.Cli("certificates", "import", register))));

        runs.Count(r => r.Exit == 0).ShouldBe(1, string.Join("\n", runs.Select(r => r.Error)));
        foreach (var (exit, output, error) in runs.Where(r => r.Exit != 0))
        {
            exit.ShouldBe(1);
            output.ShouldBeEmpty();
            // Read before the winner committed: the race message; after: the register's own check. Nothing either way.
            error.ShouldContain("Nothing was imported");
            error.ShouldNotContain("   at ");
        }

        (await app.WithDb(db => db.Certificates().CountAsync())).ShouldBe(tins.Count);
        (await app.WithDb(db => db.CertificateEvents().CountAsync())).ShouldBe(tins.Count);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "certificates.imported"))).ShouldBe(1);
    }

    private static async Task<string> Detail(HttpResponseMessage response) => (await response.Read<Problem>()).Detail!;
}
