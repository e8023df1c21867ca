using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record AgencyDetails(
    [Limit(nameof(Limits.AgencyCode))] string? Code,
    [Limit(nameof(Limits.Name))] string? Name,
    AgencyBenefit[]? Benefits,
    [Limit(nameof(Limits.Share))] double? AeoInspectionFactor
);

/// <summary>An agency's own officers (or an administrator) publish its name, its AEO benefits and the AEO inspection factor.</summary>
internal static class SaveAgency
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/agencies/{code}", Execute).AnswersOk<AgencyResponse>();

    [Authorize(ClearanceModule.AgencyOfficers)]
    [EndpointSummary("Create or update an agency and its AEO benefits.")]
    public static Task<Result<AgencyResponse>> Execute(
        [Limit(nameof(Limits.AgencyCode))] string code,
        AgencyDetails body,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        Agencies.Change(
            code,
            body,
            actor,
            db,
            async () =>
            {
                var created = Agency.Create(code, body.Name ?? "", body.Benefits ?? [], body.AeoInspectionFactor ?? 1);
                if (!created.IsOk)
                {
                    return Result<string>.Fail(created.Errors);
                }

                var a = created.Value!;
                var row = await db.Agencies().FindAsync([a.Code], ct);
                if (row is null)
                {
                    row = new AgencyRow { Code = a.Code };
                    db.Agencies().Add(row);
                }

                row.Name = a.Name;
                row.Benefits = [.. a.Benefits];
                row.AeoInspectionFactor = a.AeoInspectionFactor;
                db.Audit(
                    clock.GetUtcNow(),
                    actor.Name,
                    "agency.saved",
                    $"agency:{a.Code}",
                    null,
                    new
                    {
                        a.Name,
                        benefits = a.Benefits.Count,
                        a.AeoInspectionFactor,
                    }
                );
                return Result<string>.Ok(a.Code);
            },
            ct
        );
}
