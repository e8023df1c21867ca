using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Status">The contractor's own AEO status now, as the status check answers it: LocalAeo, RecognisedUnderMra, KnownForeignAeo,
/// NotAeo or Unknown; null when no TIN was given.</param>
/// <param name="Mra">The MRA it is recognised under, for RecognisedUnderMra.</param>
/// <param name="Partner">The partner whose log the answer rests on, for a foreign status.</param>
public sealed record ContractorResponse(string QuestionCode, string? Tin, string? Name, string? Status, string? Mra, string? Partner);

/// <summary>
/// The contractors an application's outsourced controls rely on (issue 14 item 3), each with its own AEO status read the
/// way the status check reads it (<see cref="RecognitionSources"/>): a local certificate, or a partner's status recognised
/// under an MRA. The applicant and the certification side see it; read-only officers too.
/// </summary>
internal static class ListContractors
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}/contractors", Handle);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("The contractors named for outsourced controls, with their own AEO status (local or recognised under an MRA).")]
    public static async Task<Results<Ok<IReadOnlyList<ContractorResponse>>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        return loaded.IsOk
            ? TypedResults.Ok(await Of(db, id, node.Economy, clock.GetUtcNow(), ct))
            : Problems.NotFound(loaded.Errors[0].Message);
    }

    /// <summary>The outsourced answers of an application (the caller checked the actor may read it), with each contractor's status at
    /// <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<ContractorResponse>> Of(
        OpenAeoDb db,
        int applicationId,
        string nodeEconomy,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var outsourced = await db.Answers()
            .AsNoTracking()
            .Where(a => a.ApplicationId == applicationId && a.Outsourced)
            .OrderBy(a => a.QuestionCode)
            .ToListAsync(ct);
        var tins = outsourced.Where(a => a.ProviderTin is not null).Select(a => a.ProviderTin!).Distinct().ToList();
        if (tins.Count == 0)
        {
            return [.. outsourced.Select(a => new ContractorResponse(a.QuestionCode, null, a.Provider, null, null, null))];
        }

        var typed = tins.Select(t => Tin.FromTrusted(t)).ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => typed.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin.Value, o => o.LegalName, ct);
        var sources = await RecognitionSources.LoadAsync(db, nodeEconomy, typed, ct);
        return
        [
            .. outsourced.Select(a =>
            {
                if (a.ProviderTin is not { } tin)
                {
                    return new ContractorResponse(a.QuestionCode, null, a.Provider, null, null, null);
                }

                var answer = sources.Recognise(Tin.FromTrusted(tin), now);
                return new ContractorResponse(
                    a.QuestionCode,
                    tin,
                    names.GetValueOrDefault(tin) ?? a.Provider,
                    answer.Result.ToString(),
                    answer.Mra,
                    answer.Partner
                );
            }),
        ];
    }
}
