namespace OpenAeo.TimeRelease;

/// <summary>Saved studies a page at a time, newest first, without their results.</summary>
internal static class ListStudies
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet(
                "/trs/studies",
                Paging.Handler(Sorts, async (db, ct) => (await Recent(db, ct)).Select(s => StudyResponse.From(s, withResult: false)))
            )
            .WithName(nameof(ListStudies))
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithPaging(Sorts)
            .WithSummary("Saved studies, newest first, without their results.");

    /// <summary>Sorted in memory, as <see cref="Recent"/> says why.</summary>
    public static readonly Sorting<StudyResponse> Sorts = Sorting<StudyResponse>
        .Create("-id", s => s.Id)
        .By("id", s => s.Id)
        .By("name", s => s.Name);

    /// <summary>Newest first. Sorted in memory: SQLite cannot order by an instant stored as ticks, and there are few studies.</summary>
    public static async Task<List<SavedStudy>> Recent(OpenAeoDb db, CancellationToken ct) =>
        [.. (await db.SavedStudies().AsNoTracking().ToListAsync(ct)).OrderByDescending(s => s.Id)];
}
