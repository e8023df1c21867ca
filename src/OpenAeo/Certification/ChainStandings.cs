using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// Where each operator of a chain is an AEO that counts (issue 14 item 8): a valid local certificate, or a partner's
/// status recognised under an MRA in force for the role it plays in the chain, read from the verified replicas the way
/// the status check reads them (<see cref="RecognitionSources"/>).
/// </summary>
internal static class ChainStandings
{
    public static async Task<IReadOnlyDictionary<Tin, ChainStanding>> LoadAsync(
        OpenAeoDb db,
        SupplyChain chain,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var roles = chain.Members.ToDictionary(m => m.OperatorTin, m => m.Role);
        var tins = roles.Keys.Prepend(chain.MasterTin).ToList();
        var local = await SupplyChains.CertifiedAmong(db, tins, now, ct);
        var missing = tins.Where(t => !local.Contains(t)).ToList();

        // The chain is organised on its master's node: MRA dates are compared with the day in the master's economy.
        var economy = await db.Operators()
            .AsNoTracking()
            .Where(o => o.Tin == chain.MasterTin)
            .Select(o => o.EconomyCode)
            .SingleOrDefaultAsync(ct)
            ?? "";
        var sources = missing.Count == 0 ? null : await RecognitionSources.LoadAsync(db, economy, missing, ct);
        return tins.ToDictionary(
            t => t,
            t => ChainStanding.Of(t, local.Contains(t), sources?.Recognise(t, now, roles.GetValueOrDefault(t, OperatorRoles.None)))
        );
    }
}
