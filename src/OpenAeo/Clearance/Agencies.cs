using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record ControlResponse(int Id, string HsCodes, bool PermitRequired, bool DocumentaryCheck, double InspectionRate);

internal sealed record AgencyResponse(
    string Code,
    string Name,
    IReadOnlyList<AgencyBenefit> Benefits,
    double AeoInspectionFactor,
    IReadOnlyList<ControlResponse> Controls
);

/// <summary>
/// Other government agencies with their AEO benefits and the goods they control, as the list, the agency pages and
/// every change answer them. The use cases: <see cref="ListAgencies"/>, <see cref="SaveAgency"/>,
/// <see cref="AddCommodityControl"/>, <see cref="RemoveCommodityControl"/>.
/// </summary>
internal static class Agencies
{
    public static async Task<List<AgencyResponse>> All(OpenAeoDb db, CancellationToken ct)
    {
        var controls = await db.CommodityControls().AsNoTracking().ToListAsync(ct);
        return
        [
            .. (await db.Agencies().AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).Select(a => new AgencyResponse(
                a.Code,
                a.Name,
                a.Benefits,
                a.AeoInspectionFactor,
                [
                    .. controls
                        .Where(c => c.Agency == a.Code)
                        .OrderBy(c => c.HsFrom)
                        .Select(c => new ControlResponse(
                            c.Id,
                            new HsRange(c.HsFrom, c.HsTo).ToString(),
                            c.PermitRequired,
                            c.DocumentaryCheck,
                            c.InspectionRate
                        )),
                ]
            )),
        ];
    }

    public static async Task<AgencyResponse> One(OpenAeoDb db, string code, CancellationToken ct) =>
        (await All(db, ct)).Single(x => x.Code == code);

    /// <summary>
    /// The frame of a change to an agency (<see cref="SaveAgency"/>, <see cref="AddCommodityControl"/>): refused unless the actor
    /// acts for it (or administers), the body within its limits, the step, saved; the agency as the answer.
    /// </summary>
    /// <param name="step">Decides, changes and audits; returns the agency's code, or the errors of a refusal.</param>
    public static async Task<Result<AgencyResponse>> Change<TBody>(
        string code,
        TBody body,
        Actor actor,
        OpenAeoDb db,
        Func<Task<Result<string>>> step,
        CancellationToken ct
    )
    {
        if (AgencyAuthority.ChangeRefused(actor.Role, actor.Agency, code) is { } refused)
        {
            return refused;
        }

        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<AgencyResponse>.Fail(outOfLimits);
        }

        var changed = await step();
        if (!changed.IsOk)
        {
            return Result<AgencyResponse>.Fail(changed.Errors);
        }

        await db.SaveChangesAsync(ct);
        return Result<AgencyResponse>.Ok(await One(db, changed.Value!, ct));
    }
}
