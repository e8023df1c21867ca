using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>The state of our status exchange with a partner: what our last verified pull of its log says about the link.</summary>
public sealed record ExchangeLink(bool Healthy, DateTimeOffset? LastVerifiedAt, long TreeSize);

/// <summary>One partner economy in the view, with the names a person reads and the exchange link, when there is one.</summary>
public sealed record AbroadRow(RecognitionAbroad Rule, string PartnerName, int MraId, string MraName, ExchangeLink? Link);

/// <summary>
/// "Where is my AEO status recognised?" for one operator (the holder) or for the programme as a whole (holder null):
/// <paramref name="Certificate"/> is the operator's own status entry today, <paramref name="SharesStatus"/> whether it
/// consents to its status being published to partners (without it, a partner cannot verify it at its border).
/// </summary>
public sealed record AbroadView(
    string Home,
    string HomeName,
    DateOnly Day,
    TimeZoneInfo Zone,
    AbroadHolder? Holder,
    StatusEntry? Certificate,
    bool SharesStatus,
    IReadOnlyList<AbroadRow> Rows
);

/// <summary>Issue 13, item 6: loads our MRAs, the holder's status and the exchange links, and lets the domain decide.</summary>
internal static class RecognisedAbroad
{
    /// <param name="holder">The operator asking (already checked visible to the caller); null for the public, programme-wide view.</param>
    public static async Task<AbroadView> Load(OpenAeoDb db, string nodeEconomy, Operator? holder, TimeProvider clock, CancellationToken ct)
    {
        // Load.
        var now = clock.GetUtcNow();
        var sources = await RecognitionSources.LoadAsync(db, nodeEconomy, holder is null ? [] : [holder.Tin], ct);
        var day = CalendarDays.DayOf(now, sources.Here);
        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = await db.Mras().AsNoTracking().ToListAsync(ct);
        var names = await db.Economies().AsNoTracking().ToDictionaryAsync(e => e.Code, e => e.Name, ct);
        var links = await db.Partners()
            .AsNoTracking()
            .ToDictionaryAsync(p => p.Economy, p => new ExchangeLink(p.Health == PartnerHealth.Healthy, p.LastSuccessAt, p.TreeSize), ct);
        StatusEntry? certificate = null;
        AbroadHolder? asking = null;
        if (holder is not null)
        {
            var answer = sources.Recognise(holder.Tin, now);
            certificate = answer.Result == RecognitionResult.LocalAeo ? sources.EntryOf(answer, now) : null;
            asking = new AbroadHolder(certificate?.Roles ?? holder.Roles, certificate?.Tier, certificate is not null);
        }

        // Decide.
        var byId = mras.ToDictionary(MraRegistry.IdText);
        var rows = RecognitionAbroadRule.WhereRecognised(
            nodeEconomy,
            asking,
            mras.Select(m => new AbroadMra(MraRegistry.Terms(m, blocs), m.Status, m.Benefits)),
            day
        );

        return new AbroadView(
            nodeEconomy,
            names.GetValueOrDefault(nodeEconomy) ?? nodeEconomy,
            day,
            sources.Here,
            asking,
            certificate,
            holder?.ConsentToExchange ?? false,
            [
                .. rows.Select(r => new AbroadRow(
                    r,
                    names.GetValueOrDefault(r.Partner) ?? r.Partner,
                    byId[r.Mra].Id,
                    byId[r.Mra].Name,
                    links.GetValueOrDefault(r.Partner)
                )),
            ]
        );
    }
}
