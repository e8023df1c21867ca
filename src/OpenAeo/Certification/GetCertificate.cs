using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>One certificate with its validity and history, for its holder and for officers.</summary>
internal static class GetCertificate
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/certificates/{id:int}", Handle);

    [EndpointSummary("One certificate with its validity and history.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var certificate = await Certificates.LoadVisible(db, id, Actor.From(user)!, ct);
        return certificate is null
            ? Problems.NotFound($"There is no certificate {id} that you can see.")
            : TypedResults.Ok((await Certificates.Describe(db, [certificate], ct))[0]);
    }
}
