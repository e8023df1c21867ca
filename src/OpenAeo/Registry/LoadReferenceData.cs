using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>
/// Loads the shipped economies, programmes and Table 1 counts. Idempotent: rows already present (by key) are
/// left as they are, so users' edits survive restarts and upgrades; only missing rows are added.
/// </summary>
internal static class LoadReferenceData
{
    public static async Task<int> Run(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var added = 0;
        var economies = (await db.Economies().Select(e => e.Code).ToListAsync(ct)).ToHashSet();
        foreach (var economy in ReferenceData.Economies().Where(e => !economies.Contains(e.Code)))
        {
            db.Economies().Add(economy);
            added++;
        }

        var programmes = (await db.Programmes().Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        var newProgrammes = new HashSet<string>();
        foreach (var definition in ReferenceData.Programmes().Where(p => !programmes.Contains(p.Code)))
        {
            db.Programmes().Add(Programme.Create(definition).Value!);
            newProgrammes.Add(definition.Code);
            added++;
        }

        // Statistics are loaded with their programme; afterwards they belong to the programme office.
        foreach (var statistic in ReferenceData.Statistics().Where(s => newProgrammes.Contains(s.ProgrammeCode)))
        {
            db.ProgrammeStatistics().Add(statistic);
            added++;
        }

        if (added > 0)
        {
            db.Audit(clock.GetUtcNow(), "system", "reference-data.loaded", "registry", "first run or upgrade", new { rows = added });
            await db.SaveChangesAsync(ct);
        }

        return added;
    }
}
