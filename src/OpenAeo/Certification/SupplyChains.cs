using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Recognition">Local, RecognisedUnderMra (with <paramref name="Mra"/> and <paramref name="Partner"/>) or
/// NotCertified.</param>
public sealed record ChainMemberResponse(
    string Tin,
    string Name,
    string Role,
    string Participation,
    bool Certified,
    string Recognition,
    string? Mra,
    string? Partner
);

public sealed record ChainResponse(
    int Id,
    string Name,
    string MasterTin,
    string MasterName,
    bool MasterCertified,
    IReadOnlyList<ChainMemberResponse> Members,
    int Certified,
    int Total,
    double Coverage,
    bool AllAeo
);

/// <summary>
/// What the supply-chain use cases share. Supply-chain based AEO: a master and its members, the chain's AEO coverage
/// and whether it is all-AEO. The master's trader or the programme office manages the membership; members and
/// officers read it.
/// </summary>
internal static class SupplyChains
{
    private static bool Manages(Actor actor, SupplyChain chain) => MayManage(actor, chain.MasterTin.Value);

    /// <summary>The chain's master (its trader) and the programme office manage the membership.</summary>
    public static bool MayManage(Actor actor, string masterTin) =>
        RegistryPermissions.OperatorEditors.Contains(actor.Role) || (actor.Role == Role.Trader && actor.OperatorTin == masterTin);

    private static bool Sees(Actor actor, SupplyChain chain) =>
        RegistryPermissions.Officers.Contains(actor.Role)
        || (actor.Role == Role.Trader && actor.OperatorTin is { } t && chain.Includes(Tin.FromTrusted(t)));

    /// <summary>The chains the actor may see: officers all, a trader those its operator is the master or a member of.</summary>
    public static async Task<List<ChainResponse>> Visible(OpenAeoDb db, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var chains = await db.SupplyChains().AsNoTracking().Include(c => c.Members).OrderBy(c => c.Name).ToListAsync(ct);
        var result = new List<ChainResponse>();
        foreach (var chain in chains.Where(c => Sees(actor, c)))
        {
            result.Add(await Describe(db, chain, now, ct));
        }

        return result;
    }

    /// <summary>One chain with its coverage, or null when it does not exist or the actor may not see it.</summary>
    public static async Task<ChainResponse?> Load(OpenAeoDb db, int id, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var chain = await db.SupplyChains().AsNoTracking().Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == id, ct);
        return chain is null || !Sees(actor, chain) ? null : await Describe(db, chain, now, ct);
    }

    /// <summary>Load the chain for its manager, run the change (which returns its errors), save, describe.</summary>
    public static async Task<Result<ChainResponse>> WithManagedChain(
        int id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        string refusal,
        Func<SupplyChain, Task<IReadOnlyList<DomainError>>> change,
        CancellationToken ct
    )
    {
        var chain = await db.SupplyChains().Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (chain is null || !Sees(actor, chain))
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no supply chain {id} that you can see.");
        }

        if (!Manages(actor, chain))
        {
            return new DomainError("forbidden", refusal);
        }

        var errors = await change(chain);
        if (errors.Count > 0)
        {
            // Nothing of a refused change may linger in the unit of work (a page reuses it to render).
            db.ChangeTracker.Clear();
            return Result<ChainResponse>.Fail(errors);
        }

        await db.SaveChangesAsync(ct);
        return Result<ChainResponse>.Ok(await Describe(db, chain, clock.GetUtcNow(), ct));
    }

    /// <summary>Operators among <paramref name="tins"/> holding a certificate valid on their programme's today.</summary>
    public static async Task<IReadOnlySet<Tin>> CertifiedAmong(
        OpenAeoDb db,
        IReadOnlyCollection<Tin> tins,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var certificates = await db.Certificates()
            .AsNoTracking()
            .Where(c => tins.Contains(c.OperatorTin) && c.Status == CertificateStatus.Active)
            .ToListAsync(ct);
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        return certificates
            .Where(c => c.IsValidOn(ApplicationContext.LocalToday(programmes[c.ProgrammeCode], now)))
            .Select(c => c.OperatorTin)
            .ToHashSet();
    }

    public static async Task<ChainResponse> Describe(OpenAeoDb db, SupplyChain chain, DateTimeOffset now, CancellationToken ct)
    {
        var tins = chain.Members.Select(m => m.OperatorTin).Prepend(chain.MasterTin).ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => tins.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        var standings = await ChainStandings.LoadAsync(db, chain, now, ct);
        var coverage = chain.Coverage(standings);
        return new ChainResponse(
            chain.Id,
            chain.Name,
            chain.MasterTin.Value,
            names.GetValueOrDefault(chain.MasterTin, ""),
            standings[chain.MasterTin].Counts,
            [
                .. chain
                    .Members.OrderBy(m => m.Id)
                    .Select(m => standings[m.OperatorTin])
                    .Zip(chain.Members.OrderBy(m => m.Id), (s, m) =>
                        new ChainMemberResponse(
                            m.OperatorTin.Value,
                            names.GetValueOrDefault(m.OperatorTin, ""),
                            m.Role.ToString(),
                            m.Participation.ToString(),
                            s.Counts,
                            s.Recognition.ToString(),
                            s.Mra,
                            s.Partner
                        )
                    ),
            ],
            coverage.Certified,
            coverage.Total,
            coverage.Share,
            coverage.AllAeo
        );
    }
}
