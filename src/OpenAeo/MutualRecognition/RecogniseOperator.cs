using System.Globalization;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record ProvenanceResponse(string Partner, long Index, long TreeSize);

internal sealed record RecognitionResponse(string Tin, string Result, string? Mra, string? Partner, ProvenanceResponse? Provenance);

/// <summary><c>recognition(tin, at)</c> for officers, from local certificates and verified partner replicas.</summary>
internal static class RecogniseOperator
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/recognition/{tin}", Handle).WithName("Recognition");

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "LocalAeo, RecognisedUnderMra, KnownForeignAeo, NotAeo or Unknown at a date (default now), with the log entry it rests on."
    )]
    public static async Task<Results<Ok<RecognitionResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        [Limit(nameof(Limits.Keyword))] string? at,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        // The TIN is read once, here: from now on it is a Tin, never text again.
        var parsed = Tin.Parse(tin);
        if (!parsed.IsOk)
        {
            return Problems.Of(parsed.Errors);
        }

        var answer = await Execute(parsed.Value, at, node.Economy, db, clock, ct);
        return Problems.OkOrProblem(answer.Map(Describe));
    }

    private static RecognitionResponse Describe(RecognitionAnswer answer) =>
        new(
            answer.Tin.Value,
            answer.Result.ToString(),
            answer.Mra,
            answer.Partner,
            answer.Provenance is { } p ? new ProvenanceResponse(p.Partner, p.Index, p.TreeSize) : null
        );

    /// <summary>
    /// Now when <paramref name="at"/> is empty; a date asks about that whole day where the question is asked
    /// (<paramref name="here"/>, this node's programme zone), so events effective that day count; otherwise an instant.
    /// </summary>
    public static bool TryParseAt(string? at, TimeProvider clock, TimeZoneInfo here, out DateTimeOffset instant)
    {
        if (string.IsNullOrWhiteSpace(at))
        {
            instant = clock.GetUtcNow();
            return true;
        }

        if (DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            instant = CalendarDays.StartOf(day.AddDays(1), here).AddTicks(-1);
            return true;
        }

        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    /// <summary>The answer at <paramref name="at"/> (see <see cref="TryParseAt"/>); an error on <c>at</c> when it cannot be read.</summary>
    public static async Task<Result<RecognitionAnswer>> Execute(
        Tin tin,
        string? at,
        string nodeEconomy,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var sources = await RecognitionCache.Of(db).SourcesAsync(db, nodeEconomy, [tin], ct);
        return TryParseAt(at, clock, sources.Here, out var instant)
            ? Result<RecognitionAnswer>.Ok(sources.Recognise(tin, instant))
            : new DomainError(
                "recognition.at",
                "at is a date (yyyy-mm-dd, meaning the end of that day in this node's time zone) or an ISO 8601 time.",
                "at"
            );
    }
}
