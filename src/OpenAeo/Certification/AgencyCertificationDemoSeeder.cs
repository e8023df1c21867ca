using System.Text;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// The food-safety agency joins the programme (ADR 0042): the FDA adds its cold-chain criteria to the programme's
/// standard pack for importers and manufacturers, and a food importer's application, submitted since, waits under
/// review for the FDA's sign-off (the <c>oga</c> account's queue at <c>/agency-sign-offs</c>). Runs after the agencies
/// exist (the clearance demo) and after the certification story, so the story's own applications keep the pack they
/// started on.
/// </summary>
internal sealed class AgencyCertificationDemoSeeder : IDemoSeeder
{
    private static readonly Actor Fda = new("oga", Role.OgaOfficer, null, null, "FDA");

    private static readonly Actor Officer = new("officer", Role.ProgrammeOfficer, null, null);

    public int Order => 45;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var node = services.GetRequiredService<NodeIdentity>().Economy;
        if (DemoData.Elsewhere(node, "Agency criteria", "no agency criteria or applications were added.") is { } elsewhere)
        {
            return [elsewhere];
        }

        if (await db.Programmes().FindAsync([DemoData.Economy], ct) is null || await db.Agencies().FindAsync(["FDA"], ct) is null)
        {
            return ["Agency criteria: no demo programme or no FDA; nothing added."];
        }

        var packs = await db.CriteriaPacks().AsNoTracking().ToListAsync(ct);
        if (packs.Any(p => p.Questions.Any(q => q.Agency is not null)))
        {
            return ["Agency criteria: an agency has criteria already."];
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pack = await CriteriaPacks.ActiveFor(db, DemoData.Economy, Track.Standard, ct);
        var added = Check(
            await SetAgencyCriteria.Execute(
                pack.Id,
                "FDA",
                new AgencyCriteriaRequest(
                    DemoData.Economy,
                    [
                        new CriterionQuestion(
                            "FDA-COLD-1",
                            "Food safety",
                            "How do you keep and show the temperature records of chilled and frozen goods from arrival to dispatch?",
                            false,
                            false,
                            true
                        )
                        {
                            Roles = OperatorRoles.Importer | OperatorRoles.Manufacturer,
                            SmeText = "Who reads the cold-room thermometers, how often, and where are the readings written down?",
                        },
                        new CriterionQuestion(
                            "FDA-TRACE-1",
                            "Food safety",
                            "How do you trace a lot of food one step back (supplier) and one step forward (customer) within four hours?",
                            false,
                            false,
                            false
                        )
                        {
                            Roles = OperatorRoles.Importer | OperatorRoles.Manufacturer,
                        },
                    ],
                    "The FDA joins AEO validation for food importers and manufacturers"
                ),
                Fda,
                db,
                clock,
                ct
            ),
            "FDA criteria"
        );

        // A food importer without an application or a certificate applies on the new pack and is now under review.
        var busy = await db.Applications().Select(a => a.OperatorTin).Distinct().ToListAsync(ct);
        var holders = await db.Certificates().Select(c => c.OperatorTin).Distinct().ToListAsync(ct);
        var importer = (await db.Operators().AsNoTracking().ToListAsync(ct))
            .OrderBy(o => o.Tin.Value, StringComparer.Ordinal)
            .FirstOrDefault(o =>
                o.Tin.Value.StartsWith(DemoData.Economy, StringComparison.Ordinal)
                && (o.Roles & OperatorRoles.Importer) != 0
                && !busy.Contains(o.Tin)
                && !holders.Contains(o.Tin)
                && !Scripted(o.Tin.Value)
            );
        if (importer is null)
        {
            await tx.CommitAsync(ct);
            return
            [
                $"Agency criteria: FDA added {added.Questions.Count(q => q.Agency == "FDA")} criteria to "
                    + $"{added.Key} v{added.Version}; no importer was free to apply.",
            ];
        }

        var trader = new Actor(importer.Tin.Value.ToLowerInvariant(), Role.Trader, importer.Tin.Value, null);
        var id = Check(
            await StartApplication.Execute(
                new StartApplicationRequest(importer.Tin.Value, DemoData.Economy, nameof(Track.Standard), null),
                trader,
                db,
                clock,
                DemoData.Economy,
                renewalOf: null,
                ct
            ),
            "application"
        ).Id;
        var application = await db.Applications().AsNoTracking().SingleAsync(a => a.Id == id, ct);
        foreach (var q in await ListQuestions.Of(db, application, ct))
        {
            Check(
                await SaveAnswer.Execute(
                    id,
                    q.Code,
                    new SaveAnswerRequest(
                        q.Question.Agency is null
                            ? $"Our practice for {q.Question.Group.ToLowerInvariant()}: a written procedure with a "
                                + "named owner, reviewed every year."
                            : "Data loggers in every cold room and truck, read daily by the warehouse lead; readings "
                                + "kept two years in the stock system.",
                        false,
                        null,
                        false,
                        null,
                        null
                    ),
                    trader,
                    db,
                    clock,
                    ct
                ),
                q.Code
            );
            if (q.Question.EvidenceRequired)
            {
                Check(
                    await UploadEvidence.Execute(
                        id,
                        q.Code,
                        $"{q.Code.ToLowerInvariant()}-procedure.pdf",
                        Encoding.UTF8.GetBytes($"%PDF-1.4\n% {importer.Tin}: {q.Question.Group}\n"),
                        share: false,
                        trader,
                        db,
                        clock,
                        ct
                    ),
                    q.Code
                );
            }
        }

        Check(
            await MoveApplication.Execute(id, ApplicationAction.Submit, new MoveRequest(null, null, null), trader, db, clock, ct),
            "submission"
        );
        Check(
            await MoveApplication.Execute(id, ApplicationAction.StartReview, new MoveRequest(null, null, null), Officer, db, clock, ct),
            "review"
        );
        await tx.CommitAsync(ct);
        return
        [
            $"Agency criteria: FDA added its food-safety criteria to {added.Key} v{added.Version}; "
                + $"{application.Reference} ({importer.LegalName}) is under review, waiting for the FDA's sign-off.",
        ];
    }

    /// <summary>The demo accounts' own companies keep the story the certification demo tells of them.</summary>
    private static bool Scripted(string tin) => CertificationDemoSeeder.Register.Scripted.Contains(tin);

    private static T Check<T>(Result<T> result, string what) =>
        result.IsOk
            ? result.Value!
            : throw new InvalidOperationException($"Demo {what}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
}
