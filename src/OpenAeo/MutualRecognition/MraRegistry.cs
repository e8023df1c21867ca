using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record MraRequest(
    [Limit(nameof(Limits.Name))] string? Name,
    [Limit(nameof(Limits.EconomyCode))] IReadOnlyList<string>? Parties,
    [Limit(nameof(Limits.Keyword))] string? Status,
    DateOnly? NegotiationStartedOn,
    DateOnly? ActionPlanOn,
    DateOnly? SignedOn,
    DateOnly? InForceFrom,
    DateOnly? SuspendedOn,
    DateOnly? TerminatedOn,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Roles,
    [Limit(nameof(Limits.Tier))] IReadOnlyList<string>? Tiers,
    [Limit(nameof(Limits.Label))] IReadOnlyList<string>? Benefits,
    IReadOnlyList<MonitoringIndicator>? Monitoring,
    [Limit(nameof(Limits.Source))] string? Source,
    [Limit(nameof(Limits.Reason))] string? Reason,
    DateOnly? JointValidationFrom = null
);

internal sealed record MraResponse(
    int Id,
    string Name,
    IReadOnlyList<string> Parties,
    string Status,
    DateOnly? NegotiationStartedOn,
    DateOnly? ActionPlanOn,
    DateOnly? SignedOn,
    DateOnly? InForceFrom,
    DateOnly? SuspendedOn,
    DateOnly? TerminatedOn,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Benefits,
    IReadOnlyList<MonitoringIndicator> Monitoring,
    string? Source,
    DateOnly? JointValidationFrom
)
{
    public static MraResponse From(Mra m) =>
        new(
            m.Id,
            m.Name,
            m.Parties,
            m.Status.ToString(),
            m.NegotiationStartedOn,
            m.ActionPlanOn,
            m.SignedOn,
            m.InForceFrom,
            m.SuspendedOn,
            m.TerminatedOn,
            [.. OperatorRoleNames.Split(m.Roles).Select(r => r.ToString())],
            m.Tiers,
            m.Benefits,
            m.Monitoring,
            m.Source,
            m.JointValidationFrom
        );
}

/// <summary>
/// What the MRA use cases share: the checks and the save of an MRA (<see cref="AddMra"/>, <see cref="UpdateMra"/>,
/// <see cref="ImportMras"/>, the pages) and how MRAs link economies (blocs expanded).
/// </summary>
internal static class MraRegistry
{
    /// <summary>Checks the request against the lifecycle rules and saves it with its audit entry (a new MRA when <paramref name="current"/>
    /// is null).</summary>
    public static async Task<Result<Mra>> Execute(
        Mra? current,
        MraRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var checkedMra = Check(request, current?.Status);
        if (!checkedMra.IsOk)
        {
            return checkedMra;
        }

        var known = await db.Set<Economy>().Select(e => e.Code).ToListAsync(ct);
        var unknown = checkedMra.Value!.Parties.Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            return new DomainError("mra.parties", $"Unknown economy or bloc: {string.Join(", ", unknown)}.", "parties");
        }

        var now = clock.GetUtcNow();
        var mra = current ?? new Mra();
        Copy(checkedMra.Value, mra);
        mra.UpdatedAt = now;
        if (current is null)
        {
            db.Mras().Add(mra);
            await db.SaveChangesAsync(ct);
        }

        db.Audit(now, actor.Name, current is null ? "mra.added" : "mra.updated", $"mra:{mra.Id}", request.Reason, MraResponse.From(mra));
        await db.SaveChangesAsync(ct);
        return Result<Mra>.Ok(mra);
    }

    /// <summary>The pure part: fields parsed and the lifecycle checked; no database.</summary>
    public static Result<Mra> Check(MraRequest request, MraStatus? from)
    {
        // The API holds requests to their limits before this runs; the page and the import come here directly.
        var errors = RequestLimits.Errors(request);
        var parties = (request.Parties ?? []).Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).ToList();
        if (!Enum.TryParse<MraStatus>(request.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            errors.Add(new("mra.unknown-status", $"Status is one of {string.Join(", ", Enum.GetNames<MraStatus>())}.", "status"));
        }
        else if (from is { } f && !MraLifecycle.CanMove(f, status))
        {
            errors.Add(new("mra.lifecycle", $"An MRA cannot move from {f} to {status}.", "status"));
        }

        var (roles, unknownRole) = OperatorRoleNames.Parse(string.Join(';', request.Roles ?? []));
        if (unknownRole is not null)
        {
            errors.Add(new("mra.roles", $"'{unknownRole}' is not an operator role.", "roles"));
        }

        // JSON may carry nulls the record's types do not admit; an indicator is what the parties agreed to measure.
        if ((request.Monitoring ?? []).Any(i => i is null || string.IsNullOrWhiteSpace(i.Indicator)))
        {
            errors.Add(
                new(
                    "mra.monitoring",
                    "A monitoring indicator needs the name of what is measured (and its target); one has none.",
                    "monitoring"
                )
            );
        }

        foreach (var rule in (request.Monitoring ?? []).Select(i => i?.Rule).Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            errors.AddRange(IndicatorRule.Parse(rule).Errors);
        }

        var dates = new MraDates(
            request.NegotiationStartedOn,
            request.ActionPlanOn,
            request.SignedOn,
            request.InForceFrom,
            request.SuspendedOn,
            request.TerminatedOn
        );
        if (errors.Count == 0)
        {
            errors.AddRange(MraLifecycle.Check(parties, status, dates));
            errors.AddRange(MraLifecycle.CheckJointValidation(status, dates, request.JointValidationFrom));
        }

        if (errors.Count > 0)
        {
            return Result<Mra>.Fail(errors);
        }

        return Result<Mra>.Ok(
            new Mra
            {
                Name = string.IsNullOrWhiteSpace(request.Name) ? string.Join("–", parties) : request.Name.Trim(),
                Parties = parties,
                Status = status,
                NegotiationStartedOn = dates.NegotiationStartedOn,
                ActionPlanOn = dates.ActionPlanOn,
                SignedOn = dates.SignedOn,
                InForceFrom = dates.InForceFrom,
                SuspendedOn = dates.SuspendedOn,
                TerminatedOn = dates.TerminatedOn,
                JointValidationFrom = request.JointValidationFrom,
                Roles = roles,
                Tiers = [.. (request.Tiers ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())],
                Benefits = [.. (request.Benefits ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())],
                Monitoring =
                [
                    .. (request.Monitoring ?? []).Select(i => new MonitoringIndicator(
                        i.Indicator.Trim(),
                        (i.Target ?? "").Trim(),
                        string.IsNullOrWhiteSpace(i.Rule) ? null : IndicatorRule.Parse(i.Rule).Value!.ToString()
                    )),
                ],
                Source = request.Source,
            }
        );
    }

    /// <summary>The MRA between two economies in the registry (blocs expanded), the most advanced one first.</summary>
    public static async Task<Mra?> BetweenAsync(OpenAeoDb db, string a, string b, CancellationToken ct)
    {
        var blocs = await BlocMembersAsync(db, ct);
        var all = await db.Mras().AsNoTracking().ToListAsync(ct);
        return all.Where(m => m.Status != MraStatus.Terminated)
            .Where(m => Links(m.Parties, blocs, a, b))
            .OrderByDescending(m => m.Status == MraStatus.InForce)
            .ThenByDescending(m => m.Status)
            .FirstOrDefault();
    }

    public static async Task<Dictionary<string, List<string>>> BlocMembersAsync(OpenAeoDb db, CancellationToken ct) =>
        (await db.Set<Economy>().AsNoTracking().Where(e => e.Kind == EconomyKind.Bloc).ToListAsync(ct)).ToDictionary(
            e => e.Code,
            e => e.Members
        );

    public static IReadOnlyCollection<string> Expand(IEnumerable<string> parties, IReadOnlyDictionary<string, List<string>> blocs) =>
        [.. parties.SelectMany(p => blocs.TryGetValue(p, out var members) ? members : [p]).Distinct()];

    public static MraTerms Terms(Mra m, IReadOnlyDictionary<string, List<string>> blocs) =>
        new(
            $"MRA-{m.Id}",
            Expand(m.Parties, blocs),
            m.SignedOn,
            m.Status >= MraStatus.InForce ? m.InForceFrom : null,
            m.SuspendedOn,
            m.TerminatedOn,
            m.Roles,
            m.Tiers,
            m.JointValidationFrom
        );

    public static string IdText(Mra m) => $"MRA-{m.Id}";

    public static bool TryParseId(string text, out int id) =>
        int.TryParse(
            text.StartsWith("MRA-", StringComparison.OrdinalIgnoreCase) ? text[4..] : text,
            System.Globalization.CultureInfo.InvariantCulture,
            out id
        );

    /// <summary>A plurilateral MRA of one bloc links its members; otherwise the two economies must sit in different parties.</summary>
    private static bool Links(List<string> parties, Dictionary<string, List<string>> blocs, string a, string b)
    {
        IReadOnlyCollection<string> Members(string p) => blocs.TryGetValue(p, out var m) ? m : [p];
        return parties.Count == 1
            ? Members(parties[0]).Contains(a) && Members(parties[0]).Contains(b)
            : parties.Any(pa => Members(pa).Contains(a) && parties.Any(pb => pb != pa && Members(pb).Contains(b)));
    }

    private static void Copy(Mra from, Mra to)
    {
        to.Name = from.Name;
        to.Parties = from.Parties;
        to.Status = from.Status;
        to.NegotiationStartedOn = from.NegotiationStartedOn;
        to.ActionPlanOn = from.ActionPlanOn;
        to.SignedOn = from.SignedOn;
        to.InForceFrom = from.InForceFrom;
        to.SuspendedOn = from.SuspendedOn;
        to.TerminatedOn = from.TerminatedOn;
        to.JointValidationFrom = from.JointValidationFrom;
        to.Roles = from.Roles;
        to.Tiers = from.Tiers;
        to.Benefits = from.Benefits;
        to.Monitoring = from.Monitoring;
        to.Source = from.Source ?? to.Source;
    }
}
