using OpenAeo.Domain.Certification;

namespace OpenAeo.Certification;

/// <summary>
/// Brings the shipped criteria packs up to what this release ships (role applicability, alleviated forms, translations:
/// ADR 0033) by adding a version when the questions differ. Applications keep the version they started on, and a
/// programme's own line of versions is its office's to edit. A code the release no longer ships is kept, retired, so old
/// answers keep their meaning.
/// </summary>
internal static class RefreshShippedPacks
{
    public static async Task Execute(OpenAeoDb db, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (key, _, track) in DefaultCriteria.Packs)
        {
            var active = await db.CriteriaPacks().SingleOrDefaultAsync(p => p.Key == key && p.Status == PackStatus.Active, ct);
            if (active is null)
            {
                continue;
            }

            var shipped = DefaultCriteria.Questions(track);
            var codes = shipped.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
            List<CriterionQuestion> questions =
            [
                .. shipped,
                .. active.Questions.Where(q => !codes.Contains(q.Code)).Select(q => q with { Retired = true }),
            ];
            if (active.Questions.SequenceEqual(questions))
            {
                continue;
            }

            var next = active.NextVersion(questions, null, now);
            db.CriteriaPacks().Add(next.Value!);
            db.Audit(
                now,
                "system",
                "criteria-pack.versioned",
                $"criteria-pack:{key}",
                "The release ships new questions or applicability.",
                new { from = active.Id, version = next.Value!.Version }
            );
        }

        await db.SaveChangesAsync(ct);
    }
}
