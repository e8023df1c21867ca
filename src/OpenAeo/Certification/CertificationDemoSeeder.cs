using System.Globalization;
using System.Text;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// The certification story of the demo, for the node's own programme (Chinese Taipei): the AEO register the
/// administration imported when it went live, then nineteen months of applications, decisions, renewals, suspensions
/// and revocations up to "now", every step driven through the same use cases as the UI and API at the moment it
/// happens in the story (<see cref="DemoTimeline"/>), so clocks, SLA days, references, numbers, notifications and the
/// audit trail are what they would be. Skipped when applications exist already.
/// </summary>
internal sealed class CertificationDemoSeeder : IDemoSeeder
{
    public int Order => 10;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var node = services.GetRequiredService<NodeIdentity>().Economy;
        if (DemoData.Elsewhere(node, "Certification", "no demo applications or certificates were added.") is { } elsewhere)
        {
            return [elsewhere];
        }

        if (await db.Applications().AnyAsync(ct))
        {
            return ["Certification: demo applications exist already."];
        }

        var now = clock.GetUtcNow();
        var story = new DemoClock(DemoData.GoLive(now));
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == DemoData.Economy, ct);
        var register = Register.Of(now, programme.Calendar);

        // The import has its own transaction; a story interrupted after it finds the register there and goes on.
        if (!await db.Certificates().AnyAsync(c => c.Number == register.Certificates[0].Number, ct))
        {
            using var input = CsvInput.Open(
                "aeo-register-at-go-live.csv",
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes(register.Csv()))
            );
            await ImportCertificates.Run(input, new Actor("officer", Role.ProgrammeOfficer, null, null), db, story, DemoData.Economy, ct);
        }

        // All or nothing: a story that stops half-way would leave a confusing programme behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plot = new Plot(db, story, programme, register, now, ct);
        var timeline = new DemoTimeline(story, () =>
        {
            // Each turn loads what it needs; nothing tracked from the previous one is needed.
            db.ChangeTracker.Clear();
            return Task.CompletedTask;
        });
        await timeline.RunAsync(plot.Scripts(), now);
        await tx.CommitAsync(ct);

        var states = await db.Applications().GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var certificates = await db.Certificates().GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return
        [
            $"Certification: {register.Certificates.Count} certificates imported from the register at go-live ("
                + $"{DemoData.LocalDay(DemoData.GoLive(now)):yyyy-MM-dd}); "
                + $"{states.Sum(s => s.Count)} applications since ("
                + $"{string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Count}"))}); "
                + $"certificates now {string.Join(", ", certificates.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Count}"))}.",
        ];
    }

    /// <summary>A certificate of the register the administration had before OpenAeo.</summary>
    internal sealed record RegisteredCertificate(string Tin, string Number, DateOnly ValidFrom, DateOnly? ValidUntil);

    /// <summary>
    /// The AEO register at go-live, granted since 2010: three in four large operators but few small ones (the report's
    /// finding that SMEs rarely became AEOs). Certificates of the last three years before go-live were issued for three years under the
    /// rules the
    /// register followed, so the story has expiries and renewals; older ones are indefinite, as the programme is now.
    /// </summary>
    internal sealed record Register(IReadOnlyList<RegisteredCertificate> Certificates)
    {
        /// <summary>Operators whose story is told by hand (the demo accounts' companies, the broker without an application).</summary>
        public static readonly IReadOnlySet<string> Scripted = new HashSet<string>(StringComparer.Ordinal)
        {
            "TW00000001",
            "TW00000002",
            "TW00000003",
            "TW00000004",
            "TW00000005",
        };

        public static Register Of(DateTimeOffset now, BusinessCalendar calendar)
        {
            var goLive = DemoData.LocalDay(DemoData.GoLive(now));
            var rng = new Random(DemoData.RandomSeed + 1);
            var chosen = new List<(string Tin, DateOnly From, DateOnly? Until)>
            {
                // The semiconductor maker's certificate ends seven months after go-live and is renewed through OpenAeo.
                ("TW00000002", goLive.AddYears(-3).AddMonths(7), goLive.AddMonths(7).AddDays(-1)),
                ("TW00000004", new DateOnly(2018, 4, 16), null),
            };
            foreach (var o in DemoData.Operators.Where(o => o.Economy == DemoData.Economy && !Scripted.Contains(o.Tin!)))
            {
                var chance = (o.Employees ?? 0) switch
                {
                    < 10 => 0.04,
                    < 50 => 0.06,
                    < 200 => 0.22,
                    _ => 0.75,
                };
                if (rng.NextDouble() >= chance)
                {
                    continue;
                }

                // The programme grew: more grants in later years.
                var span = goLive.DayNumber - new DateOnly(2010, 1, 1).DayNumber - 30;
                var from = calendar.AddBusinessDays(new DateOnly(2010, 1, 1).AddDays((int)(span * Math.Sqrt(rng.NextDouble()))), 0);
                var fixedTerm = from > goLive.AddYears(-3) && rng.NextDouble() < 0.5;
                chosen.Add((o.Tin!, from, fixedTerm ? from.AddYears(3).AddDays(-1) : null));
            }

            var numbered = chosen
                .OrderBy(c => c.From)
                .ThenBy(c => c.Tin, StringComparer.Ordinal)
                .GroupBy(c => c.From.Year)
                .SelectMany(year =>
                    year.Select((c, i) => new RegisteredCertificate(c.Tin, $"TW-AEO-{year.Key}-{i + 1:D6}", c.From, c.Until))
                )
                .ToList();
            return new Register(numbered);
        }

        public string Csv()
        {
            var csv = new StringWriter(CultureInfo.InvariantCulture);
            csv.Write(CsvOutput.Line(ImportCertificates.Columns));
            foreach (var c in Certificates)
            {
                csv.Write(
                    CsvOutput.Line([
                        c.Tin,
                        DemoData.Economy,
                        c.Number,
                        null,
                        Day(c.ValidFrom),
                        c.ValidUntil is { } u ? Day(u) : null,
                        "Active",
                    ])
                );
            }

            return csv.ToString();
        }

        private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>How one application ends, decided when its script starts (the story is cut at now, so a late one ends earlier).</summary>
    private enum Ending
    {
        Granted,
        RejectedEarly,
        RejectedAfterVisit,
        NoResponse,
        Withdrawn,
    }

    /// <summary>The scripts of the story and the use-case steps they are made of, each checked: a refused step is a bug of the
    /// demo.</summary>
    private sealed class Plot(
        OpenAeoDb db,
        DemoClock clock,
        Programme programme,
        Register register,
        DateTimeOffset end,
        CancellationToken ct
    )
    {
        private static readonly Actor Officer = new("officer", Role.ProgrammeOfficer, null, null);

        private static readonly string[] Associations =
        [
            "Taipei SME Export Association",
            "Chinese Taipei Machinery Industry SME Desk",
            "Tainan Food Exporters Association",
        ];

        private static readonly string[] PauseReasons =
        [
            "Moving to a new warehouse; CCTV is installed next month.",
            "Hiring a security officer; the position is advertised.",
            "Replacing the ERP system; records are reconciled after it goes live.",
            "Waiting for the audited financial statements.",
        ];

        private static readonly (string Question, string Answer)[] Requests =
        [
            (
                "Please name your CCTV provider and the contract period.",
                "SecureGuard Services Ltd., contract from 1 January for two years; the contract is attached to CARGO-1."
            ),
            (
                "Please send the seal register for the last three months.",
                "The seal register from the last quarter is uploaded; seals are now logged at the gate."
            ),
            (
                "Please describe how visitors are escorted in the cargo area.",
                "Visitors sign in at reception and are escorted by a named employee; badges are returned at exit."
            ),
            (
                "Please provide the bank reference mentioned in your answer on financial viability.",
                "The bank reference from our main bank is attached."
            ),
            (
                "Please explain how declarations are reconciled with stock records, with one month as an example.",
                "Each month the declarations are matched to goods received; the example month is attached."
            ),
        ];

        private static readonly (string Code, string Text, bool Sme)[] Rejections =
        [
            (
                "RECORDS",
                "Stock records are kept in spreadsheets that are not reconciled with declarations; introduce a "
                    + "reconciled inventory and apply again.",
                true
            ),
            ("SECURITY", "Access to the cargo area and the use of seals are not controlled yet; apply again once they are.", true),
            ("SOLVENCY", "The financial statements show negative equity for two years running.", true),
            ("COMPLIANCE", "Three customs offences (undervaluation) in the last three years.", false),
            ("PARTNERS", "Business partners are not asked for any security commitment.", false),
        ];

        private static readonly string[] Responses =
        [
            "We accept the findings; we will apply again once the measures are in place.",
            "We disagree: the procedure exists and was shown to the officer; we attach nothing new.",
            "We have started the corrective work but cannot finish it within the period.",
        ];

        private static readonly string[] Withdrawals =
        [
            "Restructuring; we will apply next year.",
            "Production moves to a new site; we will apply once it operates.",
            "The company was acquired; the new owner will apply.",
        ];

        private int scripts;

        private BusinessCalendar Calendar => programme.Calendar;

        private DateOnly Today => DemoData.LocalDay(clock.Now);

        private DateOnly EndDay => DemoData.LocalDay(end);

        public IEnumerable<Func<DemoTimeline, Task>> Scripts()
        {
            var goLive = DemoData.LocalDay(DemoData.GoLive(end));
            var cast = DemoData.Operators.Where(o => o.Economy == DemoData.Economy && !Register.Scripted.Contains(o.Tin!)).ToList();
            var holders = register.Certificates.Select(c => c.Tin).ToHashSet(StringComparer.Ordinal);
            var others = Shuffle(cast.Where(o => !holders.Contains(o.Tin!)).ToList(), new Random(DemoData.RandomSeed + 2));

            yield return t => Jobs(t, goLive);
            yield return t => EcommerceTrack(t, goLive);
            yield return t => FormosaChainAndApplication(t, goLive);
            var semiconductor = register.Certificates.Single(c => c.Tin == "TW00000002");
            yield return t => Renewal(t, semiconductor, Random(), Ending.Granted, daysBefore: 120);

            // Cases that stand at each open step now, built back from now so that the demo always shows them.
            var anchored = new List<(OperatorRequest Operator, Track Track, ApplicationState State, bool Overdue)>();
            var smes = others.Where(o => o.Employees < 200).ToList();
            foreach (
                var (state, track) in new[]
                {
                    (ApplicationState.Draft, Track.Sme),
                    (ApplicationState.PriorConsultation, Track.Sme),
                    (ApplicationState.Submitted, Track.Sme),
                    (ApplicationState.UnderReview, Track.Sme),
                    (ApplicationState.Paused, Track.Sme),
                    (ApplicationState.ValidationPlanned, Track.Sme),
                    (ApplicationState.Validated, Track.Standard),
                }
            )
            {
                anchored.Add((smes[anchored.Count], track, state, false));
            }

            anchored.Add((DemoData.Named.Single(o => o.Tin == "TW00000005"), Track.Sme, ApplicationState.InformationRequested, false));
            // A PartlyMet finding answered by an accepted improvement plan (ready to grant), and a NotMet one under a notice of intent (ADR
            // 0032).
            anchored.Add((smes[anchored.Count], Track.Sme, ApplicationState.Validated, false));
            anchored.Add((smes[anchored.Count], Track.Sme, ApplicationState.IntentToReject, false));
            if (others.FirstOrDefault(o => o.Employees >= 200) is { } large)
            {
                // A complex case past its SLA: the queue shows overdue applications first.
                anchored.Add((large, Track.Standard, ApplicationState.UnderReview, true));
            }

            foreach (var a in anchored)
            {
                yield return t => Anchor(t, a.Operator, a.Track, a.State, Random(), a.Overdue);
            }

            // Everyone else may apply at any time since go-live: SMEs often (the SME track is the programme's answer to the report), large
            // firms when they see the benefit.
            var first = Calendar.AddBusinessDays(goLive, 10);
            var span = Math.Max(1, EndDay.AddDays(-3).DayNumber - first.DayNumber);
            var rng = new Random(DemoData.RandomSeed + 3);
            foreach (var o in others.Where(o => !anchored.Any(a => a.Operator.Tin == o.Tin)))
            {
                var chance = o.Employees switch
                {
                    < 10 => 0.10,
                    < 50 => 0.22,
                    < 200 => 0.30,
                    _ => 0.40,
                };
                if (rng.NextDouble() >= chance)
                {
                    continue;
                }

                var start = first.AddDays(rng.Next(span));
                yield return t => NewApplicant(t, o, start, Random(), firstAttempt: true);
            }

            foreach (
                var c in register.Certificates.Where(c =>
                    c.Tin != "TW00000002" && c.ValidUntil is { } u && u > goLive.AddDays(100) && u < EndDay.AddDays(150)
                )
            )
            {
                var r = Random();
                var ending = r.NextDouble() switch
                {
                    < 0.12 => Ending.Withdrawn,
                    _ => Ending.Granted,
                };
                yield return t => Renewal(t, c, r, ending, daysBefore: r.Next(60, 150));
            }

            yield return t => StatusChanges(t, goLive);
            yield return t => MonitoringAfterGrant(t, goLive);
            yield return FourEyesFromNow;
        }

        private Random Random() => new(DemoData.RandomSeed * 1000 + ++scripts);

        /// <summary>
        /// The programme decided to have every grant, rejection and revocation approved by a second officer; from now
        /// on, so the story's past decisions stand as they were taken (ADR 0032).
        /// </summary>
        private async Task FourEyesFromNow(DemoTimeline t)
        {
            await t.At(end);
            var tw = await db.Programmes().SingleAsync(p => p.Code == programme.Code, ct);
            var request = new UpdateProgrammeRequest(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "Grants, rejections and revocations are approved by a second officer from now on",
                FourEyes: true
            );
            Ensure(UpdateProgramme.Apply(tw, request), "four eyes");
            db.Audit(clock.Now, Officer.Name, "programme.updated", $"programme:{tw.Code}", request.Reason, request with { Reason = null });
            await db.SaveChangesAsync(ct);
        }

        private static List<T> Shuffle<T>(List<T> list, Random rng)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }

            return list;
        }

        // ---- time ----

        private static DateTimeOffset WorkTime(DateOnly day, Random rng) => DemoData.LocalTime(day, 9 + rng.Next(8), rng.Next(60));

        /// <summary>A working moment <paramref name="businessDays"/> business days after today (the same day when 0, later in
        /// it).</summary>
        private DateTimeOffset Later(int businessDays, Random rng)
        {
            var day = Calendar.AddBusinessDays(Today, businessDays);
            var at = WorkTime(day, rng);
            return at > clock.Now ? at : clock.Now.AddMinutes(5 + rng.Next(90));
        }

        private DateOnly BackFromEnd(int businessDays)
        {
            var day = EndDay;
            for (var n = 0; n < businessDays; )
            {
                day = day.AddDays(-1);
                n += Calendar.IsBusinessDay(day) ? 1 : 0;
            }

            return day;
        }

        // ---- the scripts ----

        /// <summary>The scheduled work (expiry, reminders, pause ends) once a night, as the server runs it.</summary>
        private async Task Jobs(DemoTimeline t, DateOnly goLive)
        {
            for (var day = goLive.AddDays(1); day <= EndDay; day = day.AddDays(1))
            {
                await t.At(DemoData.LocalTime(day, 1));
                await CertificationJobs.RunOnce(db, clock, ct);
            }
        }

        private async Task EcommerceTrack(DemoTimeline t, DateOnly goLive)
        {
            await t.At(WorkTime(Calendar.AddBusinessDays(goLive, 5), new Random(DemoData.RandomSeed)));
            var tw = await db.Programmes().SingleAsync(p => p.Code == programme.Code, ct);
            var request = new UpdateProgrammeRequest(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                ["Standard", "Sme", "Ecommerce"],
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "E-commerce track opened for platforms and merchants"
            );
            Ensure(UpdateProgramme.Apply(tw, request), "e-commerce track");
            db.Audit(clock.Now, Officer.Name, "programme.updated", $"programme:{tw.Code}", request.Reason, request with { Reason = null });
            await db.SaveChangesAsync(ct);
        }

        /// <summary>
        /// The demo trader's company: an SME sponsored by its customer's supply chain, helped by an SME association,
        /// paused to move its warehouse, asked about its CCTV, validated remotely and granted.
        /// </summary>
        private async Task FormosaChainAndApplication(DemoTimeline t, DateOnly goLive)
        {
            var rng = new Random(DemoData.RandomSeed + 10);
            var master = Applicant("TW00000002");
            await t.At(WorkTime(Calendar.AddBusinessDays(goLive, 15), rng));
            var chain = Check(
                await CreateSupplyChain.Execute(
                    new CreateChainRequest("Formosa electronics export chain", "TW00000002"),
                    master,
                    db,
                    clock,
                    ct
                ),
                "supply chain"
            );
            // The Japanese supplier is a JP AEO: it counts for the chain under the TW–JP MRA (issue 14 item 8).
            foreach (
                var (tin, role, participation) in new[]
                {
                    ("TW00000001", "Manufacturer", "Direct"),
                    ("TW00000003", "CustomsBroker", "Direct"),
                    ("TW00000004", "WarehouseOperator", "Indirect"),
                    ("JP1000000001", "Exporter", "Direct"),
                }
            )
            {
                Check(
                    await AddSupplyChainMember.Execute(chain.Id, new AddMemberRequest(tin, role, participation), master, db, clock, ct),
                    "chain member"
                );
            }

            await t.At(Later(25, rng));
            var id = await Start("TW00000001", Track.Sme, chain.Id);
            await Move(id, ApplicationAction.RequestConsultation, Applicant("TW00000001"), association: Associations[0]);
            await t.At(Later(8, rng));
            await Answer(id, Track.Sme, rng, 0, 0.6);
            await t.At(Later(10, rng));
            await Answer(id, Track.Sme, rng, 0.6, 1);
            await t.At(Later(4, rng));
            await Move(id, ApplicationAction.Submit, Applicant("TW00000001"));
            await t.At(Later(3, rng));
            await Move(id, ApplicationAction.StartReview, await Manager(id));
            await t.At(Later(6, rng));
            var resumeBy = Today.AddDays(35);
            await Move(id, ApplicationAction.ProposePause, Applicant("TW00000001"), PauseReasons[0], resumeBy);
            await t.At(Later(1, rng));
            await Move(id, ApplicationAction.AcceptPause, await Manager(id));
            await t.At(WorkTime(resumeBy.AddDays(-4), rng));
            await Move(id, ApplicationAction.Resume, Applicant("TW00000001"), "The new warehouse is in use and the CCTV is installed.");
            await t.At(Later(5, rng));
            var request = await Ask(id, Requests[0].Question, 14);
            await t.At(Later(4, rng));
            await Reply(id, request, Requests[0].Answer);
            await t.At(Later(6, rng));
            await Visit(t, id, VisitMode.Remote, rng, Ending.Granted);
            await t.At(Later(5, rng));
            await Decide(t, id, Ending.Granted, rng, sme: true);
        }

        /// <summary>An application that stands at <paramref name="state"/> now, its steps placed back from now.</summary>
        private async Task Anchor(DemoTimeline t, OperatorRequest o, Track track, ApplicationState state, Random rng, bool overdue = false)
        {
            var who = Applicant(o.Tin!);
            var submitAgo = state switch
            {
                ApplicationState.Submitted => 1,
                ApplicationState.UnderReview => overdue ? 130 : 14,
                ApplicationState.InformationRequested => 24,
                ApplicationState.Paused => 30,
                ApplicationState.ValidationPlanned => 34,
                _ => 45,
            };
            var startAgo = state switch
            {
                ApplicationState.Draft => 5,
                ApplicationState.PriorConsultation => 12,
                _ => submitAgo + 15 + rng.Next(10),
            };
            await t.At(WorkTime(BackFromEnd(startAgo), rng));
            var id = await Start(o.Tin!, track);
            if (state == ApplicationState.PriorConsultation || rng.NextDouble() < 0.5)
            {
                await Move(
                    id,
                    ApplicationAction.RequestConsultation,
                    who,
                    association: state == ApplicationState.PriorConsultation ? Associations[2] : null
                );
            }

            await t.At(WorkTime(BackFromEnd(Math.Max(0, startAgo - 3)), rng));
            await Answer(id, track, rng, 0, state is ApplicationState.Draft or ApplicationState.PriorConsultation ? 0.4 : 1);
            if (state is ApplicationState.Draft or ApplicationState.PriorConsultation)
            {
                return;
            }

            await t.At(WorkTime(BackFromEnd(submitAgo), rng));
            await Move(id, ApplicationAction.Submit, who);
            if (state == ApplicationState.Submitted)
            {
                return;
            }

            await t.At(WorkTime(BackFromEnd(submitAgo - (overdue ? 4 : 2)), rng));
            await Move(id, ApplicationAction.StartReview, await Manager(id));
            switch (state)
            {
                case ApplicationState.InformationRequested:
                    await t.At(WorkTime(BackFromEnd(4), rng));
                    await Ask(id, Requests[4].Question, 14);
                    break;
                case ApplicationState.Paused:
                    await t.At(WorkTime(BackFromEnd(8), rng));
                    await Move(id, ApplicationAction.ProposePause, who, PauseReasons[1], EndDay.AddDays(24));
                    await t.At(WorkTime(BackFromEnd(7), rng));
                    await Move(id, ApplicationAction.AcceptPause, await Manager(id));
                    break;
                case ApplicationState.ValidationPlanned:
                    await t.At(WorkTime(BackFromEnd(5), rng));
                    await Check(
                        PlanValidationVisit.Execute(
                            id,
                            new PlanVisitRequest(Calendar.AddBusinessDays(EndDay, 4), "OnSite"),
                            await Manager(id),
                            db,
                            clock,
                            ct
                        ),
                        "visit"
                    );
                    break;
                case ApplicationState.Validated or ApplicationState.IntentToReject when track == Track.Sme:
                    await AnchoredVisit(t, id, who, state, rng);
                    break;
                case ApplicationState.Validated:
                    // Its plant in Japan was validated by Japan Customs last year: recognised under the MRA, not repeated.
                    await t.At(WorkTime(BackFromEnd(6), rng));
                    await RecognisePartnerVisit(id, rng);
                    break;
                default:
                    if (overdue)
                    {
                        await t.At(WorkTime(BackFromEnd(100), rng));
                        var request = await Ask(id, Requests[1].Question, 14);
                        await t.At(WorkTime(BackFromEnd(92), rng));
                        await Reply(id, request, Requests[1].Answer);
                    }

                    break;
            }
        }

        /// <summary>An on-site visit ten business days ago: a PartlyMet finding with an accepted plan, or a NotMet one and a notice of
        /// intent.</summary>
        private async Task AnchoredVisit(DemoTimeline t, int id, Actor who, ApplicationState state, Random rng)
        {
            var manager = await Manager(id);
            await t.At(WorkTime(BackFromEnd(14), rng));
            var day = BackFromEnd(10);
            await Check(
                PlanValidationVisit.Execute(id, new PlanVisitRequest(day, nameof(VisitMode.OnSite)), manager, db, clock, ct),
                "visit"
            );
            var visit = await db.Visits().Where(v => v.ApplicationId == id).OrderByDescending(v => v.Id).Select(v => v.Id).FirstAsync(ct);
            await t.At(WorkTime(day, rng));
            var packId = await db.Applications().Where(a => a.Id == id).Select(a => a.CriteriaPackId).SingleAsync(ct);
            var groups = (await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == packId, ct))
                .ActiveQuestions.Select(q => q.Group)
                .Distinct()
                .ToList();
            var weak = groups.FirstOrDefault(g => g.Contains("security", StringComparison.OrdinalIgnoreCase)) ?? groups[0];
            var rating = state == ApplicationState.Validated ? FindingRating.PartlyMet : FindingRating.NotMet;
            await Check(
                ReportValidationVisit.Execute(
                    id,
                    visit,
                    new VisitReportRequest(
                        [
                            .. groups.Select(g =>
                                g == weak
                                    ? new Finding(
                                        g,
                                        rating,
                                        rating == FindingRating.PartlyMet
                                            ? "Seal numbers are logged on paper and not checked against the declarations."
                                            : "Unescorted visitors in the cargo area and no CCTV coverage of the loading bay."
                                    )
                                    : new Finding(g, FindingRating.Met, null)
                            ),
                        ],
                        "On-site visit: one criteria group needs attention."
                    ),
                    manager,
                    db,
                    clock,
                    ct
                ),
                "visit report"
            );
            if (state == ApplicationState.Validated)
            {
                await t.At(WorkTime(BackFromEnd(8), rng));
                var action = await FileFindingAction(
                    id,
                    visit,
                    weak,
                    "Log seal numbers in the stock system at loading and check them against the declaration every day.",
                    "Warehouse supervisor",
                    EndDay.AddDays(60),
                    who
                );
                await t.At(WorkTime(BackFromEnd(6), rng));
                await Check(AcceptImprovementAction.Execute(id, action, manager, db, clock, ct), "accepted improvement action");
                return;
            }

            await t.At(WorkTime(BackFromEnd(5), rng));
            await Check(
                NotifyIntentToReject.Execute(
                    id,
                    new NoticeOfIntentRequest(
                        ["VISIT", "SECURITY"],
                        "The validation visit found the cargo area unprotected: unescorted visitors and no CCTV of "
                            + "the loading bay. Customs intends to reject the application."
                    ),
                    manager,
                    db,
                    clock,
                    ct
                ),
                "notice of intent"
            );
            // The applicant has answered, so the decision can be taken now (and refers to the answer).
            await t.At(WorkTime(BackFromEnd(2), rng));
            await Check(
                RespondToNotice.Execute(
                    id,
                    new NoticeResponseRequest(
                        "CCTV for the loading bay is ordered for next month; until then a guard escorts every "
                            + "visitor. We ask for a decision after installation.",
                        null
                    ),
                    who,
                    db,
                    clock,
                    ct
                ),
                "response"
            );
        }

        /// <summary>An operator applying for the first time (or again after a rejection), from submission to decision, cut at
        /// now.</summary>
        private async Task NewApplicant(DemoTimeline t, OperatorRequest o, DateOnly startDay, Random rng, bool firstAttempt)
        {
            var sme = o.Employees < 200;
            var roles = OperatorRoleNames.Parse(string.Join(';', o.Roles ?? [])).Roles;
            var track =
                (roles & (OperatorRoles.EcommercePlatform | OperatorRoles.EcommerceMerchant)) != 0
                && startDay > Calendar.AddBusinessDays(DemoData.LocalDay(DemoData.GoLive(end)), 6)
                    ? Track.Ecommerce
                : sme && rng.NextDouble() < 0.85 ? Track.Sme
                : Track.Standard;
            var ending = rng.NextDouble() switch
            {
                < 0.66 => Ending.Granted,
                < 0.74 => Ending.RejectedAfterVisit,
                < 0.82 => Ending.RejectedEarly,
                < 0.87 => Ending.NoResponse,
                < 0.93 => Ending.Withdrawn,
                _ => Ending.Granted,
            };
            if (!firstAttempt)
            {
                ending = Ending.Granted;
            }

            var who = Applicant(o.Tin!);
            await t.At(WorkTime(startDay, rng));
            var id = await Start(o.Tin!, track);
            var consulted = track == Track.Sme && rng.NextDouble() < 0.6;
            if (consulted)
            {
                await Move(
                    id,
                    ApplicationAction.RequestConsultation,
                    who,
                    association: rng.NextDouble() < 0.5 ? Associations[rng.Next(Associations.Length)] : null
                );
            }

            var sessions = 1 + rng.Next(3);
            for (var s = 0; s < sessions; s++)
            {
                await t.At(Later(2 + rng.Next(sme ? 10 : 6), rng));
                await Answer(id, track, rng, (double)s / sessions, (double)(s + 1) / sessions);
            }

            await t.At(Later(1 + rng.Next(consulted ? 15 : 6), rng));
            await Move(id, ApplicationAction.Submit, who);
            await t.At(Later(1 + rng.Next(6), rng));
            await Move(id, ApplicationAction.StartReview, await Manager(id));

            if (track == Track.Sme && rng.NextDouble() < 0.22)
            {
                await t.At(Later(2 + rng.Next(8), rng));
                var resumeBy = Today.AddDays(21 + rng.Next(35));
                await Move(id, ApplicationAction.ProposePause, who, PauseReasons[rng.Next(PauseReasons.Length)], resumeBy);
                await t.At(Later(1, rng));
                await Move(id, ApplicationAction.AcceptPause, await Manager(id));
                if (rng.NextDouble() < 0.5)
                {
                    await t.At(WorkTime(resumeBy.AddDays(-2 - rng.Next(8)), rng));
                    await Move(id, ApplicationAction.Resume, who, "Ready earlier than agreed.");
                }
                else
                {
                    // The nightly job resumes it on the agreed day (the programme's policy).
                    await t.At(WorkTime(resumeBy, rng));
                }
            }

            if (ending == Ending.Withdrawn)
            {
                await t.At(Later(3 + rng.Next(12), rng));
                await Move(id, ApplicationAction.Withdraw, who, Withdrawals[rng.Next(Withdrawals.Length)]);
                return;
            }

            if (ending == Ending.NoResponse || rng.NextDouble() < (sme ? 0.5 : 0.3))
            {
                await t.At(Later(4 + rng.Next(15), rng));
                var (question, answer) = Requests[rng.Next(Requests.Length)];
                var askedOn = Today;
                var request = await Ask(id, question, 14);
                if (ending == Ending.NoResponse)
                {
                    await t.At(WorkTime(Calendar.AddBusinessDays(askedOn.AddDays(14), 3), rng));
                    await Reject(
                        t,
                        id,
                        ["NO-RESPONSE"],
                        $"The information asked for on {askedOn:yyyy-MM-dd} was not provided by its due date.",
                        rng
                    );
                    await TryAgain(t, o, sme, rng, ending);
                    return;
                }

                await t.At(Later(2 + rng.Next(sme ? 9 : 5), rng));
                await Reply(id, request, answer);
            }

            if (ending == Ending.RejectedEarly)
            {
                await t.At(Later(5 + rng.Next(15), rng));
                var reason = Reason(sme, rng);
                await Reject(t, id, [reason.Code], reason.Text, rng);
                await TryAgain(t, o, sme, rng, ending);
                return;
            }

            await t.At(Later(4 + rng.Next(12), rng));
            if (track != Track.Ecommerce && !sme && rng.NextDouble() < 0.15)
            {
                await RecognisePartnerVisit(id, rng);
            }
            else
            {
                await Visit(t, id, sme && rng.NextDouble() < 0.4 ? VisitMode.Remote : VisitMode.OnSite, rng, ending);
            }

            await t.At(Later(2 + rng.Next(9), rng));
            await Decide(t, id, ending, rng, sme);
            if (ending == Ending.RejectedAfterVisit)
            {
                await TryAgain(t, o, sme, rng, ending);
            }
        }

        /// <summary>Some rejected SMEs fix the gap and apply again some months later.</summary>
        private async Task TryAgain(DemoTimeline t, OperatorRequest o, bool sme, Random rng, Ending ending)
        {
            if (sme && ending != Ending.Withdrawn && rng.NextDouble() < 0.5)
            {
                await NewApplicant(t, o, Calendar.AddBusinessDays(Today, 40 + rng.Next(40)), rng, firstAttempt: false);
            }
        }

        /// <summary>The reassessment of a fixed-term certificate of the register, opened some months before it ends.</summary>
        private async Task Renewal(DemoTimeline t, RegisteredCertificate c, Random rng, Ending ending, int daysBefore)
        {
            var goLive = DemoData.LocalDay(DemoData.GoLive(end));
            var startDay = c.ValidUntil!.Value.AddDays(-daysBefore);
            await t.At(WorkTime(startDay < goLive.AddDays(14) ? Calendar.AddBusinessDays(goLive, 10) : startDay, rng));
            var who = Applicant(c.Tin);
            var certificate = await db.Certificates().Where(x => x.Number == c.Number).Select(x => x.Id).SingleAsync(ct);
            var id = Check(await RenewCertificate.Execute(certificate, who, db, clock, DemoData.Economy, ct), "renewal").Id;
            await t.At(Later(3 + rng.Next(8), rng));
            await Answer(id, Track.Standard, rng, 0, 1);
            await t.At(Later(2 + rng.Next(5), rng));
            await Move(id, ApplicationAction.Submit, who);
            await t.At(Later(1 + rng.Next(4), rng));
            await Move(id, ApplicationAction.StartReview, await Manager(id));
            if (ending == Ending.Withdrawn)
            {
                await t.At(Later(5 + rng.Next(10), rng));
                await Move(id, ApplicationAction.Withdraw, who, "The company stops importing; the certificate is left to expire.");
                return;
            }

            await t.At(Later(5 + rng.Next(15), rng));
            await Visit(t, id, VisitMode.Remote, rng, Ending.Granted);
            await t.At(Later(2 + rng.Next(6), rng));
            await Decide(t, id, Ending.Granted, rng, sme: false, text: "Reassessed: the operator still meets the criteria.");
        }

        /// <summary>Suspensions, reinstatements and revocations across the years of the story, on certificates active at the
        /// time.</summary>
        private async Task StatusChanges(DemoTimeline t, DateOnly goLive)
        {
            var rng = new Random(DemoData.RandomSeed + 20);
            var indefinite = register.Certificates.Where(c => c.ValidUntil is null && !Register.Scripted.Contains(c.Tin)).ToList();
            var plan = new (int DaysAgo, string Verb, string Reason, int Target)[]
            {
                (455, "notice", "Convicted of false origin declarations to obtain preferential duty.", 0),
                (420, "revoke", "Convicted of false origin declarations to obtain preferential duty.", 0),
                (300, "suspend", "Seal irregularities found on three containers at the border; under investigation.", 1),
                (250, "reinstate", "Corrective action verified: new seal procedure and staff training.", 1),
                (205, "suspend", "Declarations lodged without supporting documents; a post-clearance audit is open.", 2),
                (185, "notice", "The audit confirmed systematic misdeclaration of values.", 2),
                (150, "revoke", "The audit confirmed systematic misdeclaration of values.", 2),
                (120, "suspend", "Insolvency proceedings opened; financial viability in doubt.", 3),
                (115, "notice", "The company ceased trading.", 3),
                (80, "revoke", "The company ceased trading.", 3),
                (35, "suspend", "Security incident at the bonded warehouse under investigation.", 4),
            };
            foreach (var (daysAgo, verb, reason, target) in plan)
            {
                var day = Calendar.AddBusinessDays(EndDay.AddDays(-daysAgo), 0);
                if (day <= goLive || target >= indefinite.Count)
                {
                    continue;
                }

                await t.At(WorkTime(day, rng));
                var id = await db.Certificates().Where(x => x.Number == indefinite[target].Number).Select(x => x.Id).SingleAsync(ct);
                Check(
                    verb switch
                    {
                        "suspend" => await SuspendCertificate.Execute(id, new SuspensionRequest(reason, null), Officer, db, clock, ct),
                        "reinstate" => await ReinstateCertificate.Execute(id, new ReasonRequest(reason), Officer, db, clock, ct),
                        "notice" => await NotifyIntentToRevoke.Execute(id, new ReasonRequest(reason), Officer, db, clock, ct),
                        _ => await RevokeCertificate.Execute(id, new ReasonRequest(reason), Officer, db, clock, ct),
                    },
                    verb
                );
            }

            // A certificate granted through OpenAeo, suspended for a change it did not report and reinstated.
            await t.At(WorkTime(Calendar.AddBusinessDays(EndDay.AddDays(-95), 0), rng));
            var granted = await db.Certificates()
                .Where(c => c.ApplicationId != null && c.Status == CertificateStatus.Active && c.ValidFrom < Today.AddDays(-60))
                .OrderBy(c => c.Number)
                .Select(c => c.Id)
                .FirstOrDefaultAsync(ct);
            if (granted != 0)
            {
                Check(
                    await SuspendCertificate.Execute(
                        granted,
                        new SuspensionRequest("A change of ownership was not reported to customs.", null),
                        Officer,
                        db,
                        clock,
                        ct
                    ),
                    "suspend"
                );
                await t.At(Later(22, rng));
                Check(
                    await ReinstateCertificate.Execute(
                        granted,
                        new ReasonRequest("The new ownership was assessed; the criteria are still met."),
                        Officer,
                        db,
                        clock,
                        ct
                    ),
                    "reinstate"
                );
            }
        }

        /// <summary>
        /// Life after the grant (ADR 0040): the register's holders do their annual self-reviews a few weeks before each
        /// anniversary and an officer confirms them; one holder lets its review go overdue, reviews due in the next weeks
        /// wait, and the periodic and suspension reassessments are closed some weeks after they open (the latest stay open).
        /// </summary>
        private async Task MonitoringAfterGrant(DemoTimeline t, DateOnly goLive)
        {
            var rng = Random();
            var steps = new List<(DateTimeOffset At, Func<Task> Step)>();
            var monitored = register
                .Certificates.Where(c => c.ValidUntil is null || c.ValidUntil > goLive)
                .OrderBy(c => c.Number, StringComparer.Ordinal)
                .ToList();
            var overdue = monitored
                .Where(c => c.ValidUntil is null && !Register.Scripted.Contains(c.Tin))
                .Select(c =>
                    (
                        c.Number,
                        Due: Enumerable
                            .Range(1, 60)
                            .Select(k => Domain.Certification.Monitoring.Anniversary(c.ValidFrom, k))
                            .FirstOrDefault(d => d >= EndDay.AddDays(-40) && d <= EndDay.AddDays(-8))
                    )
                )
                .FirstOrDefault(x => x.Due != default);
            foreach (var c in monitored)
            {
                for (var k = 1; k < 60; k++)
                {
                    var due = Domain.Certification.Monitoring.Anniversary(c.ValidFrom, k);
                    if (due < goLive)
                    {
                        continue;
                    }

                    var submitted = due.AddDays(-rng.Next(2, 26));
                    if (submitted >= EndDay || (c.Number == overdue.Number && due == overdue.Due))
                    {
                        break;
                    }

                    var answers = rng.NextDouble() switch
                    {
                        < 0.12 => new SelfReviewRequest(
                            true,
                            "A second warehouse opened in Taoyuan; the same access and seal procedures apply there.",
                            false,
                            null,
                            false,
                            null,
                            false,
                            null,
                            false,
                            null,
                            true
                        ),
                        < 0.22 => new SelfReviewRequest(
                            false,
                            null,
                            false,
                            null,
                            true,
                            "New road carrier for exports: Island Freight Co., itself an AEO.",
                            false,
                            null,
                            false,
                            null,
                            true
                        ),
                        _ => new SelfReviewRequest(false, null, false, null, false, null, false, null, false, null, true),
                    };
                    var (tin, number) = (c.Tin, c.Number);
                    steps.Add((WorkTime(submitted < goLive ? goLive : submitted, rng), async () =>
                        {
                            var id = await db.Certificates().Where(x => x.Number == number).Select(x => x.Id).SingleAsync(ct);
                            // A certificate revoked or expired in the story has no self-review any more: the refusal is the point.
                            await SubmitSelfReview.Execute(id, answers, Applicant(tin), db, clock, ct);
                        }));
                    var reviewed = Calendar.AddBusinessDays(submitted, rng.Next(2, 8));
                    if (reviewed < EndDay)
                    {
                        var changed = answers.PremisesChanged == true || answers.PartnersChanged == true;
                        steps.Add((WorkTime(reviewed, rng), async () =>
                            {
                                var id = await db.Certificates().Where(x => x.Number == number).Select(x => x.Id).SingleAsync(ct);
                                var review = await db.SelfReviews()
                                    .Where(r => r.CertificateId == id && r.DueOn == due && r.Outcome == null)
                                    .Select(r => r.Id)
                                    .FirstOrDefaultAsync(ct);
                                if (review != 0)
                                {
                                    Check(
                                        await RecordMonitoringOutcome.Execute(
                                            id,
                                            review,
                                            true,
                                            new MonitoringOutcomeRequest(
                                                nameof(MonitoringOutcome.Confirmed),
                                                changed
                                                    ? "The change keeps the criteria met; the security profile is updated."
                                                    : "No changes reported; the status is confirmed."
                                            ),
                                            Officer,
                                            db,
                                            clock,
                                            ct
                                        ),
                                        "self-review outcome"
                                    );
                                }
                            }));
                    }
                }
            }

            // Once a week an officer closes the reassessments opened more than six weeks ago whose certificate is in force.
            for (var day = goLive.AddDays(7); day < EndDay; day = day.AddDays(7))
            {
                var sweep = day;
                steps.Add((DemoData.LocalTime(sweep, 11), async () =>
                    {
                        var open = await db.Reassessments()
                            .Where(r => r.Outcome == null && r.OpenedOn <= sweep.AddDays(-42))
                            .Join(
                                db.Certificates().Where(c => c.Status == CertificateStatus.Active),
                                r => r.CertificateId,
                                c => c.Id,
                                (r, c) =>
                                    new
                                    {
                                        r.Id,
                                        CertificateId = c.Id,
                                        r.Kind,
                                    }
                            )
                            .ToListAsync(ct);
                        foreach (var r in open)
                        {
                            Check(
                                await RecordMonitoringOutcome.Execute(
                                    r.CertificateId,
                                    r.Id,
                                    false,
                                    new MonitoringOutcomeRequest(
                                        nameof(MonitoringOutcome.Confirmed),
                                        r.Kind == ReassessmentKind.Periodic
                                            ? "Periodic reassessment on site: the criteria are still met."
                                            : "Reassessed after the event: the criteria are met again."
                                    ),
                                    Officer,
                                    db,
                                    clock,
                                    ct
                                ),
                                "reassessment outcome"
                            );
                        }
                    }));
            }

            foreach (var (at, step) in steps.OrderBy(s => s.At))
            {
                await t.At(at);
                await step();
            }
        }

        // ---- the steps, through the use cases ----

        private static Actor Applicant(string tin) =>
            tin switch
            {
                "TW00000001" => new("trader", Role.Trader, tin, null),
                "TW00000002" => new("trader2", Role.Trader, tin, null),
                "TW00000005" => new("trader3", Role.Trader, tin, null),
                _ => new(tin.ToLowerInvariant(), Role.Trader, tin, null),
            };

        /// <summary>The application's account manager (assigned at consultation or submission), who reviews it.</summary>
        private async Task<Actor> Manager(int id)
        {
            var name = await db.Applications().Where(a => a.Id == id).Select(a => a.AccountManager).SingleAsync(ct);
            return name is null ? Officer : new Actor(name, Role.AccountManager, null, null);
        }

        private async Task<int> Start(string tin, Track track, int? chain = null) =>
            Check(
                await StartApplication.Execute(
                    new StartApplicationRequest(tin, programme.Code, track.ToString(), chain),
                    Applicant(tin),
                    db,
                    clock,
                    DemoData.Economy,
                    renewalOf: null,
                    ct
                ),
                tin
            ).Id;

        private async Task Move(
            int id,
            ApplicationAction action,
            Actor actor,
            string? reason = null,
            DateOnly? resumeBy = null,
            string? association = null
        ) =>
            Check(
                await MoveApplication.Execute(id, action, new MoveRequest(reason, resumeBy, association), actor, db, clock, ct),
                action.ToString()
            );

        /// <summary>Answers the questions in [<paramref name="from"/>, <paramref name="to"/>) of the pack (shares), with evidence where it
        /// is needed; SMEs give some outcome-based answers.</summary>
        private async Task Answer(int id, Track track, Random rng, double from, double to)
        {
            var application = await db.Applications().AsNoTracking().SingleAsync(a => a.Id == id, ct);
            var questions = (await ListQuestions.Of(db, application, ct)).Select(q => q.Question).ToList();
            var tin = await db.Applications().Where(a => a.Id == id).Select(a => a.OperatorTin).SingleAsync(ct);
            var who = Applicant(tin.Value);
            foreach (
                var q in questions
                    .Skip((int)Math.Round(from * questions.Count))
                    .Take((int)Math.Round(to * questions.Count) - (int)Math.Round(from * questions.Count))
            )
            {
                var flexible = track == Track.Sme && q.OutcomeBasedAllowed && rng.NextDouble() < 0.45;
                var outsourced = flexible && q.OutsourcingAllowed && rng.NextDouble() < 0.5;
                Check(
                    await SaveAnswer.Execute(
                        id,
                        q.Code,
                        new SaveAnswerRequest(
                            $"Our practice for {q.Group.ToLowerInvariant()}: a written procedure with a named owner, reviewed every year.",
                            flexible,
                            flexible ? "We will meet this standard within three months with an external provider; evidence follows." : null,
                            outsourced,
                            outsourced ? "Kaohsiung Cold Chain Logistics" : null,
                            outsourced ? "TW00000004" : null
                        ),
                        who,
                        db,
                        clock,
                        ct
                    ),
                    q.Code
                );
                if (q.EvidenceRequired && !flexible)
                {
                    Check(
                        await UploadEvidence.Execute(
                            id,
                            q.Code,
                            $"{q.Code.ToLowerInvariant()}-procedure.pdf",
                            Encoding.UTF8.GetBytes($"%PDF-1.4\n% {tin}: {q.Group} procedure\n"),
                            share: false,
                            who,
                            db,
                            clock,
                            ct
                        ),
                        q.Code
                    );
                }
            }
        }

        private async Task<int> Ask(int id, string question, int dueInDays)
        {
            var manager = await Manager(id);
            await Check(
                RequestInformation.Execute(id, new InformationQuestion(question, Today.AddDays(dueInDays)), manager, db, clock, ct),
                "information request"
            );
            return await db.InformationRequests()
                .Where(r => r.ApplicationId == id)
                .OrderByDescending(r => r.Id)
                .Select(r => r.Id)
                .FirstAsync(ct);
        }

        private async Task Reply(int id, int request, string answer)
        {
            var tin = await db.Applications().Where(a => a.Id == id).Select(a => a.OperatorTin).SingleAsync(ct);
            await Check(
                AnswerInformationRequest.Execute(id, request, new InformationAnswer(answer), Applicant(tin.Value), db, clock, ct),
                "answer"
            );
        }

        /// <summary>Plans a visit a few business days ahead, waits for the day and reports it (with gaps when the application will be
        /// refused).</summary>
        private async Task Visit(DemoTimeline t, int id, VisitMode mode, Random rng, Ending ending, int? plannedInBusinessDays = null)
        {
            var manager = await Manager(id);
            var day = Calendar.AddBusinessDays(Today, plannedInBusinessDays ?? 4 + rng.Next(8));
            await Check(PlanValidationVisit.Execute(id, new PlanVisitRequest(day, mode.ToString()), manager, db, clock, ct), "visit");
            var visit = await db.Visits().Where(v => v.ApplicationId == id).OrderByDescending(v => v.Id).Select(v => v.Id).FirstAsync(ct);
            await t.At(WorkTime(day, rng));
            var packId = await db.Applications().Where(a => a.Id == id).Select(a => a.CriteriaPackId).SingleAsync(ct);
            var groups = (await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == packId, ct))
                .ActiveQuestions.Select(q => q.Group)
                .Distinct()
                .ToList();
            var weak =
                ending == Ending.RejectedAfterVisit ? rng.Next(groups.Count)
                : rng.NextDouble() < 0.3 ? rng.Next(groups.Count)
                : -1;
            var findings = groups
                .Select(
                    (g, i) =>
                        i != weak ? new Finding(g, FindingRating.Met, null)
                        : ending == Ending.RejectedAfterVisit
                            ? new Finding(
                                g,
                                FindingRating.NotMet,
                                "Unescorted visitors in the cargo area and no CCTV coverage of the loading bay."
                            )
                        : new Finding(g, FindingRating.PartlyMet, "Records kept on paper; to be digitised within six months.")
                )
                .ToList();
            await Check(
                ReportValidationVisit.Execute(
                    id,
                    visit,
                    new VisitReportRequest(
                        findings,
                        $"{(mode == VisitMode.Remote ? "Remote" : "On-site")} visit: "
                            + $"{(weak < 0 ? "every criterion met." : "one criteria group needs attention.")}"
                    ),
                    manager,
                    db,
                    clock,
                    ct
                ),
                "visit report"
            );
            if (weak >= 0 && ending != Ending.RejectedAfterVisit && rng.NextDouble() < 0.7)
            {
                await ImprovementPlan(t, id, visit, groups[weak], rng);
            }
        }

        /// <summary>Files an improvement action answering a finding of the visit on <paramref name="group"/>; the new action's
        /// id.</summary>
        private async Task<int> FileFindingAction(int id, int visit, string group, string what, string owner, DateOnly due, Actor who)
        {
            var request = new ImprovementActionRequest(nameof(ImprovementSource.Finding), group, visit, what, owner, due);
            await Check(FileImprovementAction.Execute(id, request, who, db, clock, ct), "improvement action");
            return await db.ImprovementActions()
                .Where(a => a.ApplicationId == id)
                .OrderByDescending(a => a.Id)
                .Select(a => a.Id)
                .FirstAsync(ct);
        }

        /// <summary>The applicant answers a PartlyMet finding with an improvement action and the account manager accepts the plan (ADR
        /// 0032).</summary>
        private async Task ImprovementPlan(DemoTimeline t, int id, int visit, string group, Random rng)
        {
            await t.At(Later(1 + rng.Next(3), rng));
            var tin = await db.Applications().Where(a => a.Id == id).Select(a => a.OperatorTin).SingleAsync(ct);
            var action = await FileFindingAction(
                id,
                visit,
                group,
                $"Move the {group.ToLowerInvariant()} records from paper to the stock system and reconcile them monthly.",
                "Quality manager",
                Today.AddDays(90 + rng.Next(90)),
                Applicant(tin.Value)
            );
            await t.At(Later(1 + rng.Next(2), rng));
            await Check(AcceptImprovementAction.Execute(id, action, await Manager(id), db, clock, ct), "accepted improvement action");
        }

        /// <summary>A group company already validated by Japan Customs at its plant there: recognised under the MRA, not
        /// repeated.</summary>
        private async Task RecognisePartnerVisit(int id, Random rng) =>
            await Check(
                OpenAeo.Certification.RecognisePartnerVisit.Execute(
                    id,
                    new PartnerVisitRequest(
                        "JP",
                        $"JP-AEO-VAL-{Today.Year}-{rng.Next(100, 999)}",
                        Today.AddDays(-40 - rng.Next(200)),
                        "Validated by Japan Customs under the TW–JP MRA; report received through the MRA contact point.",
                        PartnerTin: "JP1000000001"
                    ),
                    Officer,
                    db,
                    clock,
                    ct
                ),
                "partner visit"
            );

        private async Task Decide(DemoTimeline t, int id, Ending ending, Random rng, bool sme, string? text = null)
        {
            if (ending == Ending.RejectedAfterVisit)
            {
                await Reject(
                    t,
                    id,
                    ["VISIT", sme ? "SECURITY" : "PARTNERS"],
                    "The validation visit found the cargo area unprotected; apply again once access control and CCTV are in place.",
                    rng
                );
                return;
            }

            await Check(
                GrantApplication.Execute(
                    id,
                    new GrantRequest(
                        null,
                        null,
                        null,
                        text
                            ?? (
                                rng.NextDouble() < 0.7
                                    ? "Meets all criteria."
                                    : "Meets the criteria; improve record keeping within six months."
                            )
                    ),
                    Officer,
                    db,
                    clock,
                    DemoData.Economy,
                    ct
                ),
                "grant"
            );
        }

        /// <summary>
        /// A rejection as the law has it (ADR 0032): a notice of intent with the reasons, then the applicant's response
        /// (most answer within a couple of weeks) or the end of the response period, then the decision.
        /// </summary>
        private async Task Reject(DemoTimeline t, int id, IReadOnlyList<string> codes, string text, Random rng)
        {
            await Check(
                NotifyIntentToReject.Execute(id, new NoticeOfIntentRequest(codes, text), Officer, db, clock, ct),
                "notice of intent"
            );
            var respondBy = await db.Applications().Where(a => a.Id == id).Select(a => a.NoticeRespondBy!.Value).SingleAsync(ct);
            if (rng.NextDouble() < 0.6)
            {
                await t.At(Later(2 + rng.Next(8), rng));
                var tin = await db.Applications().Where(a => a.Id == id).Select(a => a.OperatorTin).SingleAsync(ct);
                await Check(
                    RespondToNotice.Execute(
                        id,
                        new NoticeResponseRequest(Responses[rng.Next(Responses.Length)], null),
                        Applicant(tin.Value),
                        db,
                        clock,
                        ct
                    ),
                    "response"
                );
                await t.At(Later(2 + rng.Next(5), rng));
            }
            else
            {
                await t.At(WorkTime(Calendar.AddBusinessDays(respondBy.AddDays(1), 0), rng));
            }

            await Check(RejectApplication.Execute(id, new RejectRequest(codes, text), Officer, db, clock, ct), "rejection");
        }

        private static (string Code, string Text) Reason(bool sme, Random rng)
        {
            var fitting = Rejections.Where(r => r.Sme == sme || rng.NextDouble() < 0.2).ToList();
            var r = fitting.Count == 0 ? Rejections[0] : fitting[rng.Next(fitting.Count)];
            return (r.Code, r.Text);
        }

        private static async Task Check<T>(Task<Domain.Shared.Result<T>> step, string what) => Check(await step, what);

        private static T Check<T>(Domain.Shared.Result<T> result, string what)
        {
            Ensure(result.Errors, what);
            return result.Value!;
        }

        private static void Ensure(IReadOnlyList<Domain.Shared.DomainError> errors, string what)
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo data ({what}): {string.Join("; ", errors.Select(e => e.Message))}");
            }
        }
    }
}
