namespace OpenAeo.Registry;

public sealed record HolidayResponse(DateOnly Date, string? Name);

/// <summary><c>GET /api/v1/programmes/{code}/holidays</c>: the dated holidays <see cref="ImportHolidays"/> wrote, for anyone.</summary>
internal static class ListHolidays
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/programmes/{code}/holidays", Handle);

    [AllowAnonymous]
    [EndpointSummary("The programme's dated holidays of a year (default: this year), with their names.")]
    public static async Task<Results<Ok<List<HolidayResponse>>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [Limit(nameof(Limits.Year))] int? year,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var key = code.Trim().ToUpperInvariant();
        var programme = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == key, ct);
        return programme is null
            ? Problems.NotFound($"There is no programme with code '{code}'.")
            : TypedResults.Ok(
                programme.HolidaysOf(year ?? clock.GetUtcNow().Year).Select(h => new HolidayResponse(h.Date, h.Name)).ToList()
            );
    }
}
