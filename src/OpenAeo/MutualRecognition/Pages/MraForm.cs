using OpenAeo.Domain.Registry;

namespace OpenAeo.MutualRecognition.Pages;

/// <summary>
/// The officer's MRA form: lifecycle, scope, benefits and monitoring clause, turned into the same <see cref="MraRequest"/>
/// the API takes. Lists are typed one per line (tiers also by comma), a monitoring line as <c>indicator: target</c>.
/// </summary>
internal sealed class MraForm
{
    public string Status { get; set; } = "";

    public DateOnly? NegotiationStartedOn { get; set; }

    public DateOnly? ActionPlanOn { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateOnly? InForceFrom { get; set; }

    public DateOnly? SuspendedOn { get; set; }

    public DateOnly? TerminatedOn { get; set; }

    public DateOnly? JointValidationFrom { get; set; }

    /// <summary>Role names; none chosen means every role is recognised (the form then posts nothing, which binds as null).</summary>
    public string[] Roles
    {
        get;
        set => field = value ?? [];
    } = [];

    public string? Tiers { get; set; }

    public string? Benefits { get; set; }

    public string? Monitoring { get; set; }

    public string? Reason { get; set; }

    public static MraForm From(Mra m) =>
        new()
        {
            Status = m.Status.ToString(),
            NegotiationStartedOn = m.NegotiationStartedOn,
            ActionPlanOn = m.ActionPlanOn,
            SignedOn = m.SignedOn,
            InForceFrom = m.InForceFrom,
            SuspendedOn = m.SuspendedOn,
            TerminatedOn = m.TerminatedOn,
            JointValidationFrom = m.JointValidationFrom,
            Roles = [.. OperatorRoleNames.Split(m.Roles).Select(r => r.ToString())],
            Tiers = string.Join(", ", m.Tiers),
            Benefits = string.Join('\n', m.Benefits),
            Monitoring = string.Join('\n', m.Monitoring.Select(i => $"{i.Indicator}: {i.Target}{(i.Rule is null ? "" : $" [{i.Rule}]")}")),
        };

    /// <summary>The request for <see cref="MraRegistry.Execute"/>; the name, parties and source stay as they are.</summary>
    public Result<MraRequest> ToRequest(Mra current)
    {
        var monitoring = new List<MonitoringIndicator>();
        var errors = new List<DomainError>();
        foreach (var (text, number) in Lines(Monitoring).Select((l, i) => (l, i + 1)))
        {
            // A measured indicator ends with its rule in brackets: "…: at most half [examination_ratio <= 0.5]".
            var line = text;
            string? rule = null;
            var open = text.LastIndexOf('[');
            if (text.EndsWith(']') && open > 0)
            {
                rule = text[(open + 1)..^1].Trim();
                line = text[..open].TrimEnd();
                if (Domain.MutualRecognition.IndicatorRule.Parse(rule) is { IsOk: false } bad)
                {
                    errors.Add(new("mra.monitoring", $"Monitoring line {number}: {bad.Errors[0].Message}", "monitoring"));
                    continue;
                }
            }

            // The target is after the last colon: indicators may contain one ("Release time: median"), targets rarely do.
            var colon = line.LastIndexOf(':');
            if (colon <= 0 || colon == line.Length - 1)
            {
                errors.Add(new("mra.monitoring", $"Monitoring line {number} ('{line}'): write it as 'indicator: target'.", "monitoring"));
                continue;
            }

            monitoring.Add(new MonitoringIndicator(line[..colon].Trim(), line[(colon + 1)..].Trim(), rule));
        }

        if (errors.Count > 0)
        {
            return Result<MraRequest>.Fail(errors);
        }

        return Result<MraRequest>.Ok(
            new MraRequest(
                current.Name,
                current.Parties,
                Status,
                NegotiationStartedOn,
                ActionPlanOn,
                SignedOn,
                InForceFrom,
                SuspendedOn,
                TerminatedOn,
                Roles,
                [.. (Tiers ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                [.. Lines(Benefits)],
                monitoring,
                null,
                Reason,
                JointValidationFrom
            )
        );
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
