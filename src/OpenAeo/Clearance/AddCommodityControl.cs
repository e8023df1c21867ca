using OpenAeo.Domain.Clearance;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record NewCommodityControl(
    [Limit(nameof(Limits.HsCodeList))] string? HsCodes,
    bool PermitRequired,
    bool DocumentaryCheck,
    [Limit(nameof(Limits.Share))] double InspectionRate
);

/// <summary>An agency adds goods it controls: a permit that travels with the declaration, a documentary check, a share it
/// inspects.</summary>
internal static class AddCommodityControl
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/agencies/{code}/controls", Execute).AnswersOk<AgencyResponse>();

    [Authorize(ClearanceModule.AgencyOfficers)]
    [EndpointSummary("Goods the agency controls: permit, documentary check, inspection rate.")]
    public static Task<Result<AgencyResponse>> Execute(
        [Limit(nameof(Limits.AgencyCode))] string code,
        NewCommodityControl body,
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
                var agency = await db.Agencies().FindAsync([code.Trim().ToUpperInvariant()], ct);
                if (agency is null)
                {
                    return new DomainError(Problems.NotFoundCode, $"No agency {code}.");
                }

                var range = HsRange.Parse(body.HsCodes);
                if (!range.IsOk)
                {
                    return Result<string>.Fail(range.Errors);
                }

                var control = CommodityControl.Create(
                    0,
                    agency.Code,
                    range.Value!,
                    body.PermitRequired,
                    body.DocumentaryCheck,
                    body.InspectionRate
                );
                if (!control.IsOk)
                {
                    return Result<string>.Fail(control.Errors);
                }

                db.CommodityControls()
                    .Add(
                        new CommodityControlRow
                        {
                            Agency = agency.Code,
                            HsFrom = range.Value!.From,
                            HsTo = range.Value.To,
                            PermitRequired = body.PermitRequired,
                            DocumentaryCheck = body.DocumentaryCheck,
                            InspectionRate = body.InspectionRate,
                        }
                    );
                db.Audit(
                    clock.GetUtcNow(),
                    actor.Name,
                    "agency.control-added",
                    $"agency:{agency.Code}",
                    null,
                    new
                    {
                        hs = range.Value.ToString(),
                        body.PermitRequired,
                        body.DocumentaryCheck,
                        body.InspectionRate,
                    }
                );
                return Result<string>.Ok(agency.Code);
            },
            ct
        );
}
