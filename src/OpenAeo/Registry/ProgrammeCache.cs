using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>A programme as <c>GET /programmes/{code}</c> answers it, with the version its entity tag names.</summary>
internal sealed record ProgrammeRead(ProgrammeResponse Response, long Version);

/// <summary>
/// Programmes as the API reads them, kept in memory (issue 18: reference data is read from memory): a programme is read
/// by every trader, officer and partner looking up validity rules or the SME definition, and changes a few times a year.
/// Forgotten at once when this process saves a programme, its economy or its statistics, and within the stamp's check
/// interval when another node does (they are cached kinds, ADR 0056). A code that names no programme is remembered as such.
/// </summary>
internal sealed class ProgrammeCache(
    CachedDataVersion version,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CachingOptions> options
)
{
    /// <summary>The rows a programme's answer is read from; a save of any moves the stamp every node polls.</summary>
    public static readonly Type[] Sources = [typeof(Programme), typeof(Economy), typeof(ProgrammeStatistic)];

    /// <summary>Far more codes than any administration has programmes; past it the cache starts again empty.</summary>
    private const int MaxCodes = 1_000;

    private readonly KeptPerKey<string, ProgrammeRead?> kept = new(version, clock, options.Value, MaxCodes, StringComparer.Ordinal);

    public async Task<ProgrammeRead?> GetAsync(OpenAeoDb db, string code, CancellationToken ct)
    {
        var found = await kept.GetAsync(
            () => db,
            [code.Trim().ToUpperInvariant()],
            async missing =>
            {
                var read = await GetProgramme.ReadAsync(db, missing[0], ct);
                return _ => read;
            },
            ct
        );
        return found[0];
    }
}
