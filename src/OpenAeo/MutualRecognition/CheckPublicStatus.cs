using System.Globalization;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record PublicProgrammeResponse(string Code, string Name, string Economy, string EconomyName);

internal sealed record PublicMraResponse(string Id, string Name, DateOnly? InForceFrom);

/// <summary>
/// What the public may know about an AEO: who, which programme certified it, the certificate and its validity (days in
/// <paramref name="TimeZone"/>, the programme's zone) and, for a partner's AEO, the partner and the MRA under which it
/// is recognised here. <paramref name="Result"/> is <c>LocalAeo</c> or <c>RecognisedUnderMra</c>; everything else is
/// "not known as an AEO" (404).
/// </summary>
internal sealed record PublicStatusResponse(
    string Tin,
    string LegalName,
    string Result,
    string Summary,
    PublicProgrammeResponse Programme,
    string? CertificateNumber,
    string? Tier,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    string TimeZone,
    string? Partner,
    string? PartnerName,
    PublicMraResponse? Mra,
    DateTimeOffset AsOf
);

/// <summary>
/// Public status verification for a trader checking a supplier (the API and the <c>/status</c> page): a local AEO, or a
/// partner's AEO recognised here under an MRA in force, by the same recognition the border uses, at this instant. Only
/// operators that consented: ours by their consent flag, a partner's because its log carries only consenting operators
/// and stops at a withdrawal. Anything else — not registered, not consenting, suspended, revoked, expired, or a
/// partner's AEO no MRA in force covers — is "not known here as an AEO", so the check reveals nothing else. Rate
/// limited per client address so the register cannot be harvested.
/// </summary>
internal static class CheckPublicStatus
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/public/status/{tin}", Handle).WithName("PublicStatus").ProducesProblem(StatusCodes.Status429TooManyRequests);

    [AllowAnonymous]
    [EndpointSummary(
        "Whether a consenting operator is an AEO here now (local, or a partner's recognised under an MRA "
            + "in force), with programme, certificate and MRA; 404 when not known as an AEO; rate limited (429)."
    )]
    public static async Task<Results<Ok<PublicStatusResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        HttpContext http,
        PublicStatusLimiter limiter,
        RecognitionCache cache,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        using var lease = limiter.Acquire(http);
        if (!lease.IsAcquired)
        {
            return Problems.TooManyRequests("Too many status checks from this address; try again later.");
        }

        // Text that is not a TIN is "not known here" like any other: the public check tells nothing more.
        var parsed = Tin.Parse(tin);
        return Problems.OkOrProblem(
            parsed.IsOk
            && await Execute(parsed.Value, node.Economy, () => http.RequestServices.GetRequiredService<OpenAeoDb>(), cache, clock, ct)
                is { } found
                ? Result<PublicStatusResponse>.Ok(found)
                : new DomainError(Problems.NotFoundCode, $"{tin} is not known here as an Authorized Economic Operator.")
        );
    }

    /// <summary>
    /// The answer for <paramref name="tin"/> now; null when it is not known here as an AEO. What it rests on comes from
    /// <see cref="RecognitionCache"/> (dropped at once when this process saves a change to it, within
    /// <c>Caching:VersionCheckSeconds</c> when another does); the answer is decided at this instant every time.
    /// </summary>
    public static Task<PublicStatusResponse?> Execute(
        Tin tin,
        string nodeEconomy,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => Execute(tin, nodeEconomy, () => db, RecognitionCache.Of(db), clock, ct);

    /// <param name="db">The unit of work, resolved only when something has to be read (an answer from memory builds none).</param>
    public static async Task<PublicStatusResponse?> Execute(
        Tin tin,
        string nodeEconomy,
        Func<OpenAeoDb> db,
        RecognitionCache cache,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var sources = await cache.SourcesAsync(db, nodeEconomy, [tin], ct);
        var now = clock.GetUtcNow();
        var answer = sources.Recognise(tin, now);
        if (
            answer.Result is not (RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra)
            || sources.EntryOf(answer, now) is not { } entry
            || (answer.Result == RecognitionResult.LocalAeo && !sources.Consents(tin))
        )
        {
            return null;
        }

        var names = await cache.NamesAsync(db, ct);
        string EconomyName(string code) => names.Economies.GetValueOrDefault(code) ?? code;
        var programmeName = names.Programmes.GetValueOrDefault(entry.Programme) ?? entry.Programme;
        var programme = new PublicProgrammeResponse(entry.Programme, programmeName, entry.Economy, EconomyName(entry.Economy));
        PublicMraResponse? mra = null;
        if (answer.Mra is { } mraId && MraRegistry.TryParseId(mraId, out var id) && names.Mras.GetValueOrDefault(id) is { } found)
        {
            mra = new PublicMraResponse(mraId, found.Name, found.InForceFrom);
        }

        var validity = entry.ValidUntil is { } until
            ? $"valid from {Day(entry.ValidFrom)} until {Day(until)}"
            : $"valid from {Day(entry.ValidFrom)} with no end date";
        var certificate = entry.CertificateNumber is { } number ? $"certificate {number}, {validity}" : validity;
        var summary =
            answer.Result == RecognitionResult.LocalAeo
                ? $"{entry.LegalName} is an Authorized Economic Operator certified by {EconomyName(entry.Economy)} "
                    + $"under its {programmeName} programme ({certificate})."
                : $"{entry.LegalName} is an Authorized Economic Operator of {EconomyName(entry.Economy)}'s "
                    + $"{programmeName} programme ({certificate}), recognised in "
                    + $"{EconomyName(nodeEconomy)} under the {mra?.Name ?? answer.Mra} mutual recognition arrangement"
                    + (mra?.InForceFrom is { } since ? $", in force since {Day(since)}." : ".");
        return new PublicStatusResponse(
            tin.Value,
            entry.LegalName,
            answer.Result.ToString(),
            summary,
            programme,
            entry.CertificateNumber,
            entry.Tier,
            entry.ValidFrom,
            entry.ValidUntil,
            entry.TimeZone ?? "UTC",
            answer.Partner,
            answer.Partner is { } partner ? EconomyName(partner) : null,
            mra,
            now
        );
    }

    /// <summary>A day as people write it: 1 March 2026.</summary>
    public static string Day(DateOnly? day) => day?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";
}
