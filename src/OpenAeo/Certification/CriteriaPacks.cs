using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CriteriaPackResponse(
    int Id,
    string Key,
    string Name,
    string Track,
    string? Programme,
    int Version,
    string Status,
    IReadOnlyList<CriterionQuestion> Questions
)
{
    internal static CriteriaPackResponse From(CriteriaPack p) =>
        new(p.Id, p.Key, p.Name, p.Track.ToString(), p.ProgrammeCode, p.Version, p.Status.ToString(), p.Questions);
}

/// <summary>One of a programme's coded rejection reasons, as a programme office adds it and as everyone reads it.</summary>
public sealed record CodedReason([Limit(nameof(Limits.Code))] string? Code, [Limit(nameof(Limits.Label))] string? Label);

/// <summary>
/// What the criteria-pack use cases share: which pack a new application answers, and the shipped packs and rejection
/// reasons. Criteria packs are versioned self-assessment questions programme offices edit; editing a shipped pack
/// makes a programme-owned copy, and applications keep the version they started on.
/// </summary>
internal static class CriteriaPacks
{
    /// <summary>The pack a new application uses: the programme's own active version, else the shipped default.</summary>
    public static async Task<CriteriaPack> ActiveFor(OpenAeoDb db, string programme, Track track, CancellationToken ct)
    {
        var key = DefaultCriteria.Packs.Single(p => p.Track == track).Key;
        return await db.CriteriaPacks().Where(p => p.Status == PackStatus.Active && p.Key == $"{programme}:{key}").SingleOrDefaultAsync(ct)
            ?? await db.CriteriaPacks().Where(p => p.Status == PackStatus.Active && p.Key == key).SingleAsync(ct);
    }

    /// <summary>Loads the shipped packs and each programme's starting rejection reasons when missing (idempotent).</summary>
    public static async Task Seed(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keys = (await db.CriteriaPacks().Select(p => p.Key).ToListAsync(ct)).ToHashSet();
        foreach (var (key, name, track) in DefaultCriteria.Packs.Where(p => !keys.Contains(p.Key)))
        {
            db.CriteriaPacks().Add(CriteriaPack.Create(key, name, track, null, DefaultCriteria.Questions(track), now).Value!);
        }

        await RefreshShippedPacks.Execute(db, now, ct);
        var withReasons = (await db.RejectionReasons().Select(r => r.ProgrammeCode).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var programme in await db.Programmes().Select(p => p.Code).ToListAsync(ct))
        {
            if (!withReasons.Contains(programme))
            {
                db.RejectionReasons()
                    .AddRange(DefaultCriteria.RejectionReasons.Select(r => new RejectionReason(programme, r.Code, r.Label)));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
