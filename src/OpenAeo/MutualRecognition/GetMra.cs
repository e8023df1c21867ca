namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /api/v1/mras/{id}</c>: one MRA with its ETag, public.</summary>
internal static class GetMra
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/mras/{id:int}", Handle).WithEntityTag();

    [EndpointSummary("One mutual recognition arrangement with its stage, scope and history.")]
    [AllowAnonymous]
    public static async Task<Results<Ok<MraResponse>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    )
    {
        // Tracked, so its version is known for the ETag.
        if (await db.Mras().SingleOrDefaultAsync(m => m.Id == id, ct) is not { } m)
        {
            return Problems.NotFound($"There is no MRA {id}.");
        }

        EntityTags.Tag(http, db, m);
        return TypedResults.Ok(MraResponse.From(m));
    }
}
