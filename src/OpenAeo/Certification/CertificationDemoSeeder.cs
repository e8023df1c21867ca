using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// Demo applications in every state, SME and large, driven through the same handlers as the UI and API, plus a
/// supply chain. Skipped when applications exist already.
/// </summary>
internal sealed class CertificationDemoSeeder : IDemoSeeder
{
    public int Order => 10;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await db.Applications().AnyAsync(ct))
        {
            return ["Certification: demo applications exist already."];
        }

        // All or nothing: a demo that stops half-way would leave a confusing registry behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var officer = new Actor("officer", Role.ProgrammeOfficer, null, null);
        var taipei = await db.Programmes().SingleAsync(p => p.Code == "TW", ct);
        var tracks = UpdateProgramme.Apply(taipei, new UpdateProgrammeRequest(null, null, null, null, null, null, null, null, null, null, null,
            ["Standard", "Sme", "Ecommerce"], null, null, null, null, null, null, null, "demo: the e-commerce track"));
        Demo.Ensure(tracks.Count == 0, "TW tracks", tracks);
        var steps = new Demo(db, clock, officer, services.GetRequiredService<MutualRecognition.NodeIdentity>().Economy, ct);

        var chain = SupplyChain.Create("Formosa electronics export chain", Tin.FromTrusted("TW00000002"), clock.GetUtcNow()).Value!;
        chain.Add(Tin.FromTrusted("TW00000001"), OperatorRoles.Manufacturer, Participation.Direct);
        chain.Add(Tin.FromTrusted("TW00000003"), OperatorRoles.CustomsBroker, Participation.Direct);
        chain.Add(Tin.FromTrusted("TW00000004"), OperatorRoles.WarehouseOperator, Participation.Indirect);
        db.SupplyChains().Add(chain);
        await db.SaveChangesAsync(ct);

        // Large, standard track, all the way to a certificate.
        var granted = await steps.Start("TW00000002", Track.Standard);
        await steps.Fill(granted, outcomeBased: false);
        await steps.Move(granted, ApplicationAction.Submit, applicant: true);
        await steps.Move(granted, ApplicationAction.StartReview);
        await Demo.Check(ValidationVisits.PlanExecute(granted, new PlanVisitRequest(null, "OnSite"), officer, db, clock, ct));
        var visit = await db.Visits().Where(v => v.ApplicationId == granted).Select(v => v.Id).SingleAsync(ct);
        var groups = await db.CriteriaPacks().Where(p => p.Key == DefaultCriteria.StandardKey).Select(p => p.Questions).SingleAsync(ct);
        await Demo.Check(ValidationVisits.ReportExecute(granted, visit, new VisitReportRequest(
            [.. groups.Select(q => q.Group).Distinct().Select(g => new Finding(g, FindingRating.Met, null))], "All criteria met on site."), officer, db, clock, ct));
        await Demo.Check(DecideApplication.GrantExecute(granted, new GrantRequest(null, null, null, "Meets all criteria."), officer, db, clock, steps.NodeEconomy, ct));

        // SME track, sponsored by the chain's master, waiting for information.
        var sme = await steps.Start("TW00000001", Track.Sme, chain.Id);
        await steps.Move(sme, ApplicationAction.RequestConsultation, applicant: true, association: "Taipei SME Export Association");
        await steps.Fill(sme, outcomeBased: true);
        await steps.Move(sme, ApplicationAction.Submit, applicant: true);
        await steps.Move(sme, ApplicationAction.StartReview);
        await Demo.Check(InformationRequests.AskExecute(sme, new RequestInformationRequest("Please name your CCTV provider and the contract period.",
            ApplicationContext.LocalToday(await db.Programmes().SingleAsync(p => p.Code == "TW", ct), clock.GetUtcNow()).AddDays(14)), officer, db, clock, ct));

        var optics = await steps.Start("TW00000005", Track.Standard);
        await steps.Fill(optics, outcomeBased: false);
        await steps.Move(optics, ApplicationAction.Submit, applicant: true);
        await steps.Move(optics, ApplicationAction.StartReview);

        var orchid = await steps.Start("TW00000006", Track.Sme);
        await steps.Fill(orchid, outcomeBased: true);
        await steps.Move(orchid, ApplicationAction.Submit, applicant: true);
        await steps.Move(orchid, ApplicationAction.ProposePause, applicant: true, reason: "Moving to a new warehouse; CCTV installed next month.", resumeInDays: 30);
        await steps.Move(orchid, ApplicationAction.AcceptPause);

        var bicycles = await steps.Start("TW00000007", Track.Sme);
        await steps.Fill(bicycles, outcomeBased: true);
        await steps.Move(bicycles, ApplicationAction.Submit, applicant: true);
        await steps.Move(bicycles, ApplicationAction.StartReview);
        await Demo.Check(ValidationVisits.PlanExecute(bicycles, new PlanVisitRequest(null, "Remote"), officer, db, clock, ct));

        var tea = await steps.Start("TW00000008", Track.Sme);
        await steps.Fill(tea, outcomeBased: true);
        await steps.Move(tea, ApplicationAction.Submit, applicant: true);
        await steps.Move(tea, ApplicationAction.StartReview);
        await Demo.Check(ValidationVisits.RecognisePartnerExecute(tea, new PartnerVisitRequest("JP", "JP-AEO-VAL-2026-118", null, "Validated by Japan Customs under the Chinese Taipei–Japan MRA."), officer, db, clock, ct));

        var textiles = await steps.Start("TW00000009", Track.Standard);
        await steps.Fill(textiles, outcomeBased: false);
        await steps.Move(textiles, ApplicationAction.Submit, applicant: true);
        await steps.Move(textiles, ApplicationAction.StartReview);
        await Demo.Check(DecideApplication.RejectExecute(textiles, new RejectRequest(["SECURITY", "PARTNERS"], "Seal control and partner vetting are not in place yet; apply again when they are."), officer, db, clock, ct));

        await steps.Start("TW00000010", Track.Ecommerce);
        var coffee = await steps.Start("TW00000011", Track.Sme);
        await steps.Move(coffee, ApplicationAction.RequestConsultation, applicant: true, association: "Taiwan Coffee Exporters Association");
        var steel = await steps.Start("TW00000012", Track.Standard);
        await steps.Move(steel, ApplicationAction.Withdraw, applicant: true, reason: "Restructuring; will apply next year.");

        await tx.CommitAsync(ct);
        return [$"Certification: {await db.Applications().CountAsync(ct)} demo applications in every state, 1 certificate, 1 supply chain."];
    }

    private sealed class Demo(OpenAeoDb db, TimeProvider clock, Actor officer, string nodeEconomy, CancellationToken ct)
    {
        private readonly Dictionary<int, Actor> applicants = [];

        public string NodeEconomy => nodeEconomy;

        public async Task<int> Start(string tin, Track track, int? chain = null)
        {
            var applicant = new Actor("demo-" + tin.ToLowerInvariant(), Role.Trader, tin, null);
            var started = await StartApplication.Execute(new StartApplicationRequest(tin, null, track.ToString(), chain), applicant, db, clock, nodeEconomy, renewalOf: null, ct);
            Ensure(started.IsOk, tin, started.Errors);
            applicants[started.Value!.Id] = applicant;
            return started.Value.Id;
        }

        public async Task Fill(int id, bool outcomeBased)
        {
            var packId = await db.Applications().Where(a => a.Id == id).Select(a => a.CriteriaPackId).SingleAsync(ct);
            var pack = await db.CriteriaPacks().SingleAsync(p => p.Id == packId, ct);
            foreach (var q in pack.ActiveQuestions)
            {
                var flexible = outcomeBased && q.OutcomeBasedAllowed;
                var answer = await SelfAssessment.Answer(id, q.Code, new SaveAnswerRequest(
                    $"Our practice for {q.Group.ToLowerInvariant()}: documented procedure, owner named, reviewed yearly.",
                    flexible, flexible ? "We will meet this standard within 3 months with an external provider; evidence follows." : null,
                    flexible && q.OutsourcingAllowed, flexible && q.OutsourcingAllowed ? "SecureGuard Services Ltd." : null), applicants[id], db, clock, ct);
                Ensure(answer.IsOk, q.Code, answer.Errors);
                if (q.EvidenceRequired && !flexible)
                {
                    var attached = await SelfAssessment.Attach(id, q.Code, $"{q.Code.ToLowerInvariant()}-procedure.txt",
                        Encoding.UTF8.GetBytes($"Procedure for {q.Group}: {q.Text}\n"), share: true, applicants[id], db, clock, ct);
                    Ensure(attached.IsOk, q.Code, attached.Errors);
                }
            }
        }

        public async Task Move(int id, ApplicationAction action, bool applicant = false, string? reason = null, string? association = null, int? resumeInDays = null)
        {
            var actor = applicant ? applicants[id] : officer;
            DateOnly? resumeBy = null;
            if (resumeInDays is int days)
            {
                var code = await db.Applications().Where(a => a.Id == id).Select(a => a.ProgrammeCode).SingleAsync(ct);
                resumeBy = ApplicationContext.LocalToday(await db.Programmes().SingleAsync(p => p.Code == code, ct), clock.GetUtcNow()).AddDays(days);
            }

            var moved = await MoveApplication.Execute(id, action, new MoveRequest(reason, resumeBy, association), actor, db, clock, ct);
            Ensure(moved.IsOk, action.ToString(), moved.Errors);
        }

        public static async Task Check<T>(Task<Domain.Shared.Result<T>> step)
        {
            var result = await step;
            Ensure(result.IsOk, typeof(T).Name, result.Errors);
        }

        public static void Ensure(bool ok, string what, IReadOnlyList<Domain.Shared.DomainError> errors)
        {
            if (!ok)
            {
                throw new InvalidOperationException($"Demo data ({what}): {string.Join("; ", errors.Select(e => e.Message))}");
            }
        }
    }
}
