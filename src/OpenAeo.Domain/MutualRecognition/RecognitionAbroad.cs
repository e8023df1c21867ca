using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>Why an AEO of our programme is, or is not, treated as one at a partner's border on a day.</summary>
public enum AbroadOutcome
{
    /// <summary>An MRA in force covers the holder's roles and tier: the partner's MRA benefits apply.</summary>
    Recognised,

    /// <summary>The MRA is in force but does not cover any of the holder's roles.</summary>
    RoleNotCovered,

    /// <summary>The MRA is in force but recognises other tiers only.</summary>
    TierNotCovered,

    /// <summary>The holder is not an AEO of our programme today, so nothing is recognised anywhere.</summary>
    NotAnAeo,

    /// <summary>The MRA is not in force on the day: still being negotiated, signed but not yet in force, or suspended.</summary>
    NotInForce,
}

/// <summary>An MRA as the "where am I recognised" view needs it: its recognition terms and the stage it is at.</summary>
public sealed record AbroadMra(MraTerms Terms, MraStatus Stage, IReadOnlyList<string> Benefits);

/// <summary>The AEO asking: its roles and tier as its certificate states them.</summary>
public sealed record AbroadHolder(OperatorRoles Roles, string? Tier, bool IsAeo);

/// <summary>One partner economy: under which MRA, at what stage, with what outcome for the holder on the day.</summary>
public sealed record RecognitionAbroad(string Partner, string Mra, MraStatus Stage, AbroadOutcome Outcome, IReadOnlyList<string> Benefits);

/// <summary>
/// Issue 13, item 6: the reverse of <see cref="Recognition"/>. Our AEO asks where its status counts: every partner
/// economy linked to ours by an MRA (blocs already expanded in the terms), with the MRA's stage and, for one in force,
/// whether its scope covers the holder. Terminated MRAs are left out: they no longer say anything to a trader.
/// </summary>
public static class RecognitionAbroadRule
{
    /// <param name="home">Our economy's code.</param>
    /// <param name="holder">The AEO asking; null asks for the programme as a whole (the public MRA pages): then only the stage
    /// decides.</param>
    /// <param name="day">The day in our programme's time zone.</param>
    public static IReadOnlyList<RecognitionAbroad> WhereRecognised(
        string home,
        AbroadHolder? holder,
        IEnumerable<AbroadMra> mras,
        DateOnly day
    )
    {
        var rows = new List<RecognitionAbroad>();
        foreach (var mra in mras.Where(m => m.Stage != MraStatus.Terminated && m.Terms.Parties.Contains(home, StringComparer.Ordinal)))
        {
            var outcome = Outcome(holder, mra, day);
            rows.AddRange(
                mra.Terms.Parties.Where(p => p != home)
                    .Select(p => new RecognitionAbroad(p, mra.Terms.Id, mra.Stage, outcome, mra.Benefits))
            );
        }

        // One row per partner: the best arrangement with it (recognised first, then the one furthest along).
        return
        [
            .. rows.GroupBy(r => r.Partner, StringComparer.Ordinal)
                .Select(g =>
                    g.OrderBy(r => r.Outcome).ThenByDescending(r => r.Stage == MraStatus.InForce).ThenByDescending(r => r.Stage).First()
                )
                .OrderBy(r =>
                    r.Outcome == AbroadOutcome.Recognised ? 0
                    : r.Outcome == AbroadOutcome.NotInForce ? 2
                    : 1
                )
                .ThenByDescending(r => r.Stage)
                .ThenBy(r => r.Partner, StringComparer.Ordinal),
        ];
    }

    private static AbroadOutcome Outcome(AbroadHolder? holder, AbroadMra mra, DateOnly day)
    {
        if (!mra.Terms.IsInForceOn(day))
        {
            return AbroadOutcome.NotInForce;
        }

        if (holder is null)
        {
            return AbroadOutcome.Recognised;
        }

        if (!holder.IsAeo)
        {
            return AbroadOutcome.NotAnAeo;
        }

        if (mra.Terms.Roles != OperatorRoles.None && (holder.Roles & mra.Terms.Roles) == 0)
        {
            return AbroadOutcome.RoleNotCovered;
        }

        return mra.Terms.Covers(holder.Roles, holder.Tier) ? AbroadOutcome.Recognised : AbroadOutcome.TierNotCovered;
    }
}
