using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

public enum Participation
{
    /// <summary>Handles the goods or their data directly (manufacturer, carrier, warehouse, broker).</summary>
    Direct,

    /// <summary>Supports the chain without handling the goods (e.g. a packaging supplier, an IT provider).</summary>
    Indirect,
}

public sealed class SupplyChainMember
{
    private SupplyChainMember() { }

    public SupplyChainMember(Tin tin, OperatorRoles role, Participation participation)
    {
        OperatorTin = tin;
        Role = role;
        Participation = participation;
    }

    public int Id { get; private set; }

    public int SupplyChainId { get; private set; }

    public Tin OperatorTin { get; private set; }

    public OperatorRoles Role { get; private set; }

    public Participation Participation { get; private set; }
}

/// <summary>Where a chain's operator is an AEO that counts for the chain (issue 14 item 8).</summary>
public enum ChainRecognition
{
    /// <summary>Holds a valid certificate of a programme of ours.</summary>
    Local,

    /// <summary>A partner's AEO recognised under an MRA in force that covers its role in the chain (and its tier).</summary>
    RecognisedUnderMra,

    /// <summary>Neither: not an AEO, unknown, or a partner's AEO no MRA benefit applies to (risk information only).</summary>
    NotCertified,
}

/// <summary>One operator of a chain: where it is recognised, and under which MRA and by which partner when that is how.</summary>
public sealed record ChainStanding(Tin Tin, ChainRecognition Recognition, string? Mra, string? Partner)
{
    public bool Counts => Recognition != ChainRecognition.NotCertified;

    /// <summary>
    /// A local certificate counts first; otherwise the member counts when the status check recognises it under an MRA in
    /// force for the role it plays in the chain (<see cref="Recognition.Recognise"/> asked with that role). A partner's AEO
    /// that is only known, an MRA not yet in force, or one that does not cover the role does not count: the chain's
    /// all-AEO reward rests on the same recognition as a border benefit.
    /// </summary>
    public static ChainStanding Of(Tin tin, bool localCertificate, RecognitionAnswer? recognition) =>
        localCertificate ? new(tin, ChainRecognition.Local, null, null)
        : recognition is { Result: RecognitionResult.LocalAeo } ? new(tin, ChainRecognition.Local, null, null)
        : recognition is { Result: RecognitionResult.RecognisedUnderMra } r
            ? new(tin, ChainRecognition.RecognisedUnderMra, r.Mra, r.Partner)
        : new(tin, ChainRecognition.NotCertified, null, null);
}

/// <summary>How much of a chain is AEO-certified.</summary>
/// <param name="AllAeo">Every operator in the chain, the master included, holds a valid certificate: the chain risk management
/// rewards.</param>
public sealed record ChainCoverage(int Certified, int Total, bool AllAeo, IReadOnlyList<Tin> Uncertified)
{
    public double Share => Total == 0 ? 0 : (double)Certified / Total;
}

/// <summary>
/// Supply-chain based AEO (the report's "AEO 2.0"): a master operator organises a chain of members, may sponsor
/// their applications and share evidence with them; the chain's coverage shows how close it is to all-AEO.
/// </summary>
public sealed class SupplyChain
{
    private SupplyChain() { }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public Tin MasterTin { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public List<SupplyChainMember> Members { get; private set; } = [];

    public static Result<SupplyChain> Create(string name, Tin master, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200
            ? new DomainError("chain.name", "A supply chain has a name of 1 to 200 characters.", "name")
            : Result<SupplyChain>.Ok(
                new SupplyChain
                {
                    Name = name.Trim(),
                    MasterTin = master,
                    CreatedAt = now,
                }
            );

    public Result<SupplyChainMember> Add(Tin tin, OperatorRoles role, Participation participation)
    {
        if (tin == MasterTin)
        {
            return new DomainError("chain.member", "The master is part of the chain already.", "tin");
        }

        if (Members.Any(m => m.OperatorTin == tin))
        {
            return new DomainError("chain.member", $"{tin} is already a member of this chain.", "tin");
        }

        if (role == OperatorRoles.None || (role & (role - 1)) != 0)
        {
            return new DomainError("chain.role", "A member plays one role in the chain.", "role");
        }

        var member = new SupplyChainMember(tin, role, participation);
        Members.Add(member);
        return Result<SupplyChainMember>.Ok(member);
    }

    public bool Remove(Tin tin) => Members.RemoveAll(m => m.OperatorTin == tin) > 0;

    public bool Includes(Tin tin) => tin == MasterTin || Members.Any(m => m.OperatorTin == tin);

    /// <summary>The coverage where local AEOs and partners' AEOs recognised under an MRA in force count alike; an operator missing from
    /// <paramref name="standings"/> is not certified.</summary>
    public ChainCoverage Coverage(IReadOnlyDictionary<Tin, ChainStanding> standings) =>
        Coverage(standings.Values.Where(s => s.Counts).Select(s => s.Tin).ToHashSet());

    public ChainCoverage Coverage(IReadOnlySet<Tin> certified)
    {
        var everyone = Members.Select(m => m.OperatorTin).Prepend(MasterTin).ToList();
        var missing = everyone.Where(t => !certified.Contains(t)).ToList();
        return new ChainCoverage(everyone.Count - missing.Count, everyone.Count, missing.Count == 0, missing);
    }
}
