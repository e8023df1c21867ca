using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary><c>POST /api/v1/mras</c>: records an MRA at any stage of its lifecycle.</summary>
internal static class AddMra
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/mras", Handle);

    [EndpointSummary("Record a mutual recognition arrangement (at any stage of negotiation).")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Results<Created<MraResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        MraRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) =>
        Problems.CreatedOr((await MraRegistry.Execute(null, request, Actor.From(user)!, db, clock, ct)).Map(MraResponse.From), m =>
            $"/api/v1/mras/{m.Id}"
        );
}
