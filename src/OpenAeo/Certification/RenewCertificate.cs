using OpenAeo.Domain.Certification;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Opens a renewal (reassessment) application linked to the certificate, on its programme and the track it was granted
/// on.</summary>
internal static class RenewCertificate
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/renewal", Handle);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Open a renewal (reassessment) application linked to the certificate.")]
    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        NodeIdentity node,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        var started = await Execute(id, actor, db, clock, node.Economy, ct);
        var described = started.IsOk
            ? Result<ApplicationResponse>.Ok(
                await GetApplication.Describe(
                    db,
                    (await ApplicationContext.Load(db, started.Value!.Id, actor, clock, ct, forWriting: false)).Value!,
                    ct
                )
            )
            : Result<ApplicationResponse>.Fail(started.Errors);
        return Problems.CreatedOr(described, a => $"/api/v1/applications/{a.Id}");
    }

    public static async Task<Result<AeoApplication>> Execute(
        int id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        string nodeEconomy,
        CancellationToken ct
    )
    {
        var certificate = await Certificates.LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no certificate {id} that you can see.");
        }

        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        if (certificate.RenewalRefusal(ApplicationContext.LocalToday(programme, clock.GetUtcNow())) is { } refused)
        {
            return refused;
        }

        var previous = await db.Applications()
            .AsNoTracking()
            .Where(a => a.Id == certificate.ApplicationId)
            .Select(a => (Track?)a.Track)
            .SingleOrDefaultAsync(ct);
        return await StartApplication.Execute(
            new StartApplicationRequest(
                certificate.OperatorTin.Value,
                certificate.ProgrammeCode,
                (previous ?? Track.Standard).ToString(),
                null
            ),
            actor,
            db,
            clock,
            nodeEconomy,
            renewalOf: certificate.Id,
            ct
        );
    }
}
