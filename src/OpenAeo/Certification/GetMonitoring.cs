using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A certificate's monitoring plan (next self-review, next reassessment) with its self-reviews and reassessments: the holder its
/// own, officers all.</summary>
internal static class GetMonitoring
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/certificates/{id:int}/monitoring", Handle);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary(
        "A certificate's monitoring plan: the next annual self-review and reassessment, with the reviews and reassessments so far."
    )]
    public static async Task<Results<Ok<MonitoringResponse>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var found = await Execute(id, Actor.From(user)!, db, clock, ct);
        return found.IsOk ? TypedResults.Ok(found.Value!) : Problems.Problem(found.Errors)!;
    }

    public static async Task<Result<MonitoringResponse>> Execute(
        int id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var certificate = await Certificates.LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no certificate {id} that you can see.");
        }

        return Result<MonitoringResponse>.Ok(
            CertificateMonitoring.Describe(await CertificateMonitoring.Load(db, certificate, clock.GetUtcNow(), ct))
        );
    }
}
