using System.Globalization;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// One arm of a difference-in-differences: the declarations whose <see cref="Column"/> reads <see cref="Value"/>
/// (trimmed, ignoring ASCII case, so <c>aeo=true</c> matches <c>TRUE</c>).
/// </summary>
public sealed record ArmFilter(string Column, string Value)
{
    public bool Matches(string? cell) => cell is not null && string.Equals(cell.Trim(), Value, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Column}={Value}";

    /// <summary><c>column=value</c>, as <c>--treated</c> and <c>--control</c> take it.</summary>
    public static Result<ArmFilter> Parse(string text, string field)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var column = at > 0 ? text[..at].Trim().ToLowerInvariant() : "";
        var value = at > 0 ? text[(at + 1)..].Trim() : "";
        if (!StudyDefinition.IsColumnName(column) || value.Length == 0)
        {
            return new DomainError($"study.{field}", $"'{text}' is not column=value (such as origin=JP or aeo=true).", field);
        }

        return Result<ArmFilter>.Ok(new ArmFilter(column, value));
    }
}

/// <summary>
/// How sure a study is (ADR 0021): the confidence level of every interval, the bootstrap replicates and their seed
/// (the same seed gives the same intervals), and the arms of the difference-in-differences, if any.
/// </summary>
/// <param name="Bootstrap">Replicates; 0 computes the point estimates and the order-statistic intervals only.</param>
/// <param name="Control">Null: every declaration that is not treated is the control.</param>
public sealed record RigourOptions(double Level, int Bootstrap, long Seed, ArmFilter? Treated, ArmFilter? Control)
{
    /// <summary>The most replicates a study takes: the bound API clients read in the OpenAPI document.</summary>
    public static readonly int MaxBootstrap = (int)Limits.Bootstrap.Maximum;

    public static readonly RigourOptions Default = new(0.95, 1000, 1, null, null);

    public static Result<RigourOptions> Create(string? confidence, int? bootstrap, long? seed, string? treated, string? control)
    {
        var errors = new List<DomainError>();
        var level = Default.Level;
        if (!string.IsNullOrWhiteSpace(confidence))
        {
            var text = confidence.Trim().TrimEnd('%');
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out level) || double.IsNaN(level))
            {
                errors.Add(
                    new DomainError("study.confidence", $"'{confidence}' is not a confidence level (such as 0.95 or 90%).", "confidence")
                );
            }
            else
            {
                level = confidence.Contains('%', StringComparison.Ordinal) || level >= 1 ? level / 100 : level;
                if (level is < 0.5 or >= 1)
                {
                    errors.Add(
                        new DomainError(
                            "study.confidence",
                            $"'{confidence}' is not a confidence level between 0.5 and 0.999.",
                            "confidence"
                        )
                    );
                }
            }
        }

        if (bootstrap < 0 || bootstrap > MaxBootstrap)
        {
            errors.Add(
                new DomainError(
                    "study.bootstrap",
                    $"The bootstrap takes 0 to {MaxBootstrap:N0} replicates (0: no bootstrap intervals).",
                    "bootstrap"
                )
            );
        }

        ArmFilter? t = null,
            c = null;
        if (!string.IsNullOrWhiteSpace(treated))
        {
            var parsed = ArmFilter.Parse(treated, "treated");
            errors.AddRange(parsed.Errors);
            t = parsed.Value;
        }

        if (!string.IsNullOrWhiteSpace(control))
        {
            var parsed = ArmFilter.Parse(control, "control");
            errors.AddRange(parsed.Errors);
            c = parsed.Value;
            if (string.IsNullOrWhiteSpace(treated))
            {
                errors.Add(new DomainError("study.control", "A control group needs a treated group (--treated column=value).", "control"));
            }
            else if (
                t is not null
                && c is not null
                && t.Column == c.Column
                && string.Equals(t.Value, c.Value, StringComparison.OrdinalIgnoreCase)
            )
            {
                errors.Add(new DomainError("study.control", "The control group cannot be the treated group.", "control"));
            }
        }

        return errors.Count > 0
            ? Result<RigourOptions>.Fail(errors)
            : Result<RigourOptions>.Ok(new RigourOptions(level, bootstrap ?? Default.Bootstrap, seed ?? Default.Seed, t, c));
    }
}
