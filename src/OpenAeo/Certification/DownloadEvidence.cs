using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>One evidence document of an application, for those who may open it.</summary>
internal static class DownloadEvidence
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}/documents/{documentId:int}", Handle);

    /// <summary>
    /// Evidence is served to the applicant and to the certification side (the programme office and account
    /// managers); customs may also open a sponsoring master's shared evidence. Officers who only read applications
    /// (border, agency, analysts) see that evidence exists, not what it says: it holds the company's internal papers.
    /// </summary>
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        int id,
        int documentId,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct, forWriting: false);
        if (!loaded.IsOk)
        {
            return Problems.NotFound(loaded.Errors[0].Message);
        }

        var c = loaded.Value!;
        if (!SelfAssessment.MayOpenEvidence(actor, c.Application.OperatorTin))
        {
            return Problems.Forbidden("Evidence is opened by the applicant and the programme office.");
        }

        var document = await db.Documents().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        var visible =
            document is not null
            && (
                document.ApplicationId == id
                || (document.SharedWithChain && c.Side == Side.Customs && c.Application.SponsorChainId is not null)
            );
        return visible
            ? TypedResults.File(document!.Content, document.ContentType, document.FileName)
            : Problems.NotFound($"There is no document {documentId} on application {id} that you can see.");
    }
}
