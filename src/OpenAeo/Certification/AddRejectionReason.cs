using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A programme office adds a coded rejection reason to its programme.</summary>
internal static class AddRejectionReason
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/programmes/{code}/rejection-reasons", Handle);

    [EndpointSummary("Add a coded rejection reason to the programme.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Results<Created<CodedReason>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        CodedReason request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var programme = code.Trim().ToUpperInvariant();
        if (!await db.Programmes().AnyAsync(p => p.Code == programme, ct))
        {
            return Problems.NotFound($"There is no programme {programme}.");
        }

        var reasonCode = (request.Code ?? "").Trim().ToUpperInvariant();
        if (reasonCode.Length is < 2 or > 40 || string.IsNullOrWhiteSpace(request.Label))
        {
            return Problems.Invalid([new("reason.code", "A reason has a code of 2 to 40 characters and a label.", "code")]);
        }

        if (await db.RejectionReasons().AnyAsync(r => r.ProgrammeCode == programme && r.Code == reasonCode, ct))
        {
            return Problems.Conflict($"{programme} already has reason {reasonCode}.");
        }

        db.RejectionReasons().Add(new RejectionReason(programme, reasonCode, request.Label.Trim()));
        db.Audit(
            clock.GetUtcNow(),
            Actor.From(user)!.Name,
            "rejection-reason.added",
            $"programme:{programme}",
            null,
            new { code = reasonCode, request.Label }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programmes/{programme}/rejection-reasons", new CodedReason(reasonCode, request.Label.Trim()));
    }
}
