using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record AgencyBody([Limit(nameof(Limits.AgencyCode))] string? Code, [Limit(nameof(Limits.Name))] string? Name, AgencyBenefit[]? Benefits, [Limit(nameof(Limits.Share))] double? AeoInspectionFactor);

internal sealed record ControlBody([Limit(nameof(Limits.HsCodeList))] string? HsCodes, bool PermitRequired, bool DocumentaryCheck, [Limit(nameof(Limits.Share))] double InspectionRate);

internal sealed record ControlResponse(int Id, string HsCodes, bool PermitRequired, bool DocumentaryCheck, double InspectionRate);

internal sealed record AgencyResponse(string Code, string Name, IReadOnlyList<AgencyBenefit> Benefits, double AeoInspectionFactor, IReadOnlyList<ControlResponse> Controls);

/// <summary>
/// Other government agencies publish their AEO benefits and the goods they control. The list is public: a trader
/// deciding whether to become an AEO should see what each agency gives one.
/// </summary>
internal static class Agencies
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/agencies").WithTags("Clearance");
        g.MapGet("/", List).WithName("ListAgencies").AllowAnonymous().WithPaging(Sorts).WithSummary("Agencies, the benefits they grant AEOs and the goods they control (public).");
        g.MapPut("/{code}", Save).WithName("SaveAgency").RequireAuthorization(ClearanceModule.AgencyOfficers).WithSummary("Create or update an agency and its AEO benefits.");
        g.MapPost("/{code}/controls", AddControl).WithName("AddCommodityControl").RequireAuthorization(ClearanceModule.AgencyOfficers).WithSummary("Goods the agency controls: permit, documentary check, inspection rate.");
        g.MapDelete("/{code}/controls/{id:int}", RemoveControl).WithName("RemoveCommodityControl").WithSummary("Remove one of the agency's commodity controls.").RequireAuthorization(ClearanceModule.AgencyOfficers);
    }

    public static readonly Sorting<AgencyResponse> Sorts = Sorting<AgencyResponse>.Create("code", a => a.Code).By("code", a => a.Code).By("name", a => a.Name);

    public static async Task<Results<Ok<Page<AgencyResponse>>, ValidationProblem>> List([Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, await Execute(db, ct), Sorts, page, pageSize, sort, ct);

    public static async Task<List<AgencyResponse>> Execute(OpenAeoDb db, CancellationToken ct)
    {
        var controls = await db.CommodityControls().AsNoTracking().ToListAsync(ct);
        return [.. (await db.Agencies().AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).Select(a => new AgencyResponse(a.Code, a.Name, a.Benefits, a.AeoInspectionFactor,
            [.. controls.Where(c => c.Agency == a.Code).OrderBy(c => c.HsFrom).Select(c => new ControlResponse(c.Id, new HsRange(c.HsFrom, c.HsTo).ToString(), c.PermitRequired, c.DocumentaryCheck, c.InspectionRate))]))];
    }

    public static async Task<Results<Ok<AgencyResponse>, ValidationProblem, ProblemHttpResult>> Save([Limit(nameof(Limits.AgencyCode))] string code, AgencyBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await ExecuteSave(code, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<AgencyResponse>> ExecuteSave(string code, AgencyBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (NotTheirs(actor, code) is { } refused)
        {
            return refused;
        }

        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<AgencyResponse>.Fail(outOfLimits);
        }

        var created = Agency.Create(code, body.Name ?? "", body.Benefits ?? [], body.AeoInspectionFactor ?? 1);
        if (!created.IsOk)
        {
            return Result<AgencyResponse>.Fail(created.Errors);
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
        var now = clock.GetUtcNow();
        db.Audit(now, actor.Name, "agency.saved", $"agency:{a.Code}", null, new { a.Name, benefits = a.Benefits.Count, a.AeoInspectionFactor });
        await db.SaveChangesAsync(ct);
        return Result<AgencyResponse>.Ok((await Execute(db, ct)).Single(x => x.Code == a.Code));
    }

    public static async Task<Results<Ok<AgencyResponse>, ValidationProblem, ProblemHttpResult>> AddControl([Limit(nameof(Limits.AgencyCode))] string code, ControlBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await ExecuteAddControl(code, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<AgencyResponse>> ExecuteAddControl(string code, ControlBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (NotTheirs(actor, code) is { } refused)
        {
            return refused;
        }

        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<AgencyResponse>.Fail(outOfLimits);
        }

        var agency = await db.Agencies().FindAsync([code.Trim().ToUpperInvariant()], ct);
        if (agency is null)
        {
            return new DomainError(Problems.NotFoundCode, $"No agency {code}.");
        }

        var range = HsRange.Parse(body.HsCodes);
        if (!range.IsOk)
        {
            return Result<AgencyResponse>.Fail(range.Errors);
        }

        var control = CommodityControl.Create(0, agency.Code, range.Value!, body.PermitRequired, body.DocumentaryCheck, body.InspectionRate);
        if (!control.IsOk)
        {
            return Result<AgencyResponse>.Fail(control.Errors);
        }

        var now = clock.GetUtcNow();
        db.CommodityControls().Add(new CommodityControlRow
        {
            Agency = agency.Code, HsFrom = range.Value!.From, HsTo = range.Value.To, PermitRequired = body.PermitRequired,
            DocumentaryCheck = body.DocumentaryCheck, InspectionRate = body.InspectionRate,
        });
        db.Audit(now, actor.Name, "agency.control-added", $"agency:{agency.Code}", null, new { hs = range.Value.ToString(), body.PermitRequired, body.DocumentaryCheck, body.InspectionRate });
        await db.SaveChangesAsync(ct);
        return Result<AgencyResponse>.Ok((await Execute(db, ct)).Single(x => x.Code == agency.Code));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveControl([Limit(nameof(Limits.AgencyCode))] string code, int id, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (NotTheirs(Actor.From(user)!, code) is { } refused)
        {
            return Problems.Forbidden(refused.Message);
        }

        var agencyCode = code.Trim().ToUpperInvariant();
        var control = await db.CommodityControls().SingleOrDefaultAsync(c => c.Id == id && c.Agency == agencyCode, ct);
        if (control is null)
        {
            return Problems.NotFound($"No control {id} of agency {code}.");
        }

        db.CommodityControls().Remove(control);
        db.Audit(clock.GetUtcNow(), Actor.From(user)!.Name, "agency.control-removed", $"agency:{control.Agency}", null, new { id, hs = new HsRange(control.HsFrom, control.HsTo).ToString() });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>An agency officer changes its own agency only; creating another agency is for an administrator.</summary>
    private static DomainError? NotTheirs(Actor actor, string code) =>
        AgencyAuthority.ActsFor(actor.Role, actor.Agency, code)
            ? null
            : new DomainError(Problems.ForbiddenCode, actor.Role == Role.OgaOfficer
                ? $"Your account acts for {actor.Agency}; {code.Trim().ToUpperInvariant()} is changed by its own officers or an administrator."
                : "Agencies are changed by their own officers or an administrator.");
}
