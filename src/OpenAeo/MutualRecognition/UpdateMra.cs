using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary><c>PUT /api/v1/mras/{id}</c>: replaces an MRA's details under its ETag; the lifecycle only moves forward (or from Suspended
/// back into force).</summary>
internal static class UpdateMra
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/mras/{id:int}", Handle).WithEntityTag();

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Replace an MRA's details; its status may only move forward in the lifecycle (or from Suspended back into force).")]
    public static async Task<Results<Ok<MraResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        MraRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        var current = await db.Mras().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (current is null)
        {
            return Problems.NotFound($"There is no MRA {id}.");
        }

        if (EntityTags.Stale(http, db, current, $"MRA {current.Id}") is { } stale)
        {
            return stale;
        }

        var outcome = await MraRegistry.Execute(current, request, Actor.From(user)!, db, clock, ct);
        if (outcome.IsOk)
        {
            EntityTags.Tag(http, db, current);
        }

        return Problems.OkOr(outcome.Map(MraResponse.From));
    }
}
