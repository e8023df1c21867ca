using System.Globalization;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>A rate as an economy published it, with the number of decimals it was printed with.</summary>
public readonly record struct PublishedRate(double Percent, int Decimals);

/// <summary>One row of the averages template: one side (before or after) of one cell.</summary>
public sealed record TemplateRow(
    string Reporter,
    string Partner,
    string Mra,
    int Stage,
    string Mode,
    string Channel,
    Period Period,
    DateOnly From,
    DateOnly To,
    long? Declarations,
    SubmittedTime? Mean,
    PublishedRate? PublishedRate
);

/// <summary>One side of a compared cell.</summary>
public sealed record TemplateSide(DateOnly From, DateOnly To, long? Declarations, SubmittedTime? Mean);

/// <summary>
/// A cell of the averages template with both sides, the rate computed from the submitted times and, when the economy
/// published one, whether its rate follows from those times.
/// </summary>
public sealed record TemplateComparison(
    string Reporter,
    string Partner,
    string Mra,
    int Stage,
    string Mode,
    string Channel,
    TemplateSide Before,
    TemplateSide After,
    PublishedRate? PublishedRate
)
{
    /// <summary>Always computed from the submitted times, never copied from the published rate.</summary>
    public double? RateOfChangePct => RateOfChange.Percent(Before.Mean?.Seconds, After.Mean?.Seconds);

    /// <summary>
    /// Null when nothing was published. Otherwise true when no times that round to the printed ones give a rate that
    /// rounds to the published one: the published rate does not follow from the submitted times even allowing for
    /// both roundings. A rate published where none can be computed (a side without records) is a mismatch.
    /// </summary>
    public bool? PublishedRateMismatch
    {
        get
        {
            if (PublishedRate is not { } published)
            {
                return null;
            }

            if (Before.Mean is not { } before || After.Mean is not { } after || before.Seconds == 0)
            {
                return true;
            }

            // The rate grows with the after time and falls with the before time, so the extremes are at the corners.
            var lowest = (after.Low / before.High - 1) * 100;
            var highest = before.Low > 0 ? (after.High / before.Low - 1) * 100 : double.PositiveInfinity;
            var half = 0.5 * Math.Pow(10, -published.Decimals);
            const double FloatingSlack = 1e-9;
            return published.Percent + half < lowest - FloatingSlack || published.Percent - half > highest + FloatingSlack;
        }
    }
}

/// <summary>
/// The averages template: <c>reporter,partner,mra,stage,mode,channel,period,period_from,period_to,declarations,mean</c>
/// and optionally <c>published_rate</c> on the after row. Rows are read one by one (errors name the column) and
/// then paired into cells.
/// </summary>
public static class AveragesTemplate
{
    public static IReadOnlyList<string> Required { get; } =
    ["reporter", "partner", "mra", "stage", "mode", "channel", "period", "period_from", "period_to", "declarations", "mean"];

    public static IReadOnlyList<string> Optional { get; } = ["published_rate"];

    public static IReadOnlyList<string> Modes { get; } = ["sea", "air", "land", "post", "express"];

    public static IReadOnlyList<string> Channels { get; } = ["all", "green", "paper", "exam"];

    /// <summary>Reads one row; <paramref name="cell"/> returns a column's trimmed text, or null when empty.</summary>
    public static Result<TemplateRow> ParseRow(Func<string, string?> cell)
    {
        var errors = new List<DomainError>();
        string Text(string column)
        {
            var value = cell(column);
            if (value is null)
            {
                errors.Add(new DomainError($"template.{column}", "a value is required", column));
            }

            return value ?? "";
        }

        var reporter = Text("reporter").ToUpperInvariant();
        var partner = Text("partner").ToUpperInvariant();
        var mra = Text("mra");
        var stageText = Text("stage");
        var stage = stageText is "1" or "2" ? int.Parse(stageText, CultureInfo.InvariantCulture) : 0;
        if (stage == 0 && stageText.Length > 0)
        {
            errors.Add(new DomainError("template.stage", $"'{stageText}' is not a stage; use 1 or 2", "stage"));
        }

        var mode = OneOf(Text("mode"), Modes, "mode", errors);
        var channel = OneOf(Text("channel"), Channels, "channel", errors);
        var periodText = Text("period").ToLowerInvariant();
        Period? period = periodText switch
        {
            "before" => Period.Before,
            "after" => Period.After,
            _ => null,
        };
        if (period is null && periodText.Length > 0)
        {
            errors.Add(new DomainError("template.period", $"'{periodText}' is not a period; use before or after", "period"));
        }

        var from = Date(Text("period_from"), "period_from", errors);
        var to = Date(Text("period_to"), "period_to", errors);
        if (from > to)
        {
            errors.Add(
                new DomainError(
                    "template.period_to",
                    $"the period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})",
                    "period_to"
                )
            );
        }

        long? declarations = null;
        if (cell("declarations") is { } count)
        {
            if (long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                declarations = n;
            }
            else
            {
                errors.Add(new DomainError("template.declarations", $"'{count}' is not a number of declarations", "declarations"));
            }
        }

        var mean = TimeNotation.ParseMean(cell("mean"));
        errors.AddRange(mean.Errors.Select(e => e with { Field = "mean" }));

        var published = ParsePublishedRate(cell("published_rate"));
        errors.AddRange(published.Errors);
        if (published.IsOk && published.Value is not null && period == Period.Before)
        {
            errors.Add(new DomainError("template.published_rate", "the published rate goes on the after row", "published_rate"));
        }

        if (errors.Count > 0)
        {
            return Result<TemplateRow>.Fail(errors);
        }

        return Result<TemplateRow>.Ok(
            new TemplateRow(
                reporter,
                partner,
                mra,
                stage,
                mode,
                channel,
                period!.Value,
                from!.Value,
                to!.Value,
                declarations,
                mean.Value,
                published.Value
            )
        );
    }

    /// <summary><c>-32.27</c>, <c>-100%</c>, <c>24.20</c>; empty or <c>-</c> when nothing was published.</summary>
    public static Result<PublishedRate?> ParsePublishedRate(string? text)
    {
        var trimmed = (text ?? "").Trim().Replace('−', '-').TrimEnd('%').Trim();
        if (trimmed.Length == 0 || trimmed == "-")
        {
            return Result<PublishedRate?>.Ok(null);
        }

        if (
            !double.TryParse(
                trimmed,
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var value
            )
        )
        {
            return new DomainError(
                "template.published_rate",
                $"'{text}' is not a rate in percent (such as -32.27 or -96%)",
                "published_rate"
            );
        }

        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return Result<PublishedRate?>.Ok(new PublishedRate(value, dot < 0 ? 0 : trimmed.Length - dot - 1));
    }

    /// <summary>
    /// Pairs the before and after rows of each cell (reporter, partner, MRA, stage, mode, channel), in the order the
    /// cells first appear. A cell needs exactly one row of each period.
    /// </summary>
    public static Result<IReadOnlyList<TemplateComparison>> Pair(IReadOnlyList<(int Line, TemplateRow Row)> rows)
    {
        var errors = new List<DomainError>();
        var cells = new List<(string Key, int Line, TemplateRow? Before, TemplateRow? After)>();
        foreach (var (line, row) in rows)
        {
            var key = string.Join("|", row.Reporter, row.Partner, row.Mra, row.Stage, row.Mode, row.Channel);
            var index = cells.FindIndex(c => c.Key == key);
            if (index < 0)
            {
                cells.Add((key, line, null, null));
                index = cells.Count - 1;
            }

            var cell = cells[index];
            var existing = row.Period == Period.Before ? cell.Before : cell.After;
            if (existing is not null)
            {
                errors.Add(
                    new DomainError(
                        "template.duplicate",
                        $"line {line}: a second {row.Period.ToString().ToLowerInvariant()} row for {Describe(row)} "
                            + "(the first is on an earlier line)",
                        "period"
                    )
                );
                continue;
            }

            cells[index] = row.Period == Period.Before ? cell with { Before = row } : cell with { After = row };
        }

        foreach (var (_, line, before, after) in cells)
        {
            if (before is null || after is null)
            {
                var present = (before ?? after)!;
                errors.Add(
                    new DomainError(
                        "template.pair",
                        $"line {line}: {Describe(present)} has no {(before is null ? "before" : "after")} row; every cell needs both",
                        "period"
                    )
                );
            }
        }

        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<TemplateComparison>>.Fail(errors);
        }

        return Result<IReadOnlyList<TemplateComparison>>.Ok(
            cells
                .Select(c => new TemplateComparison(
                    c.Before!.Reporter,
                    c.Before.Partner,
                    c.Before.Mra,
                    c.Before.Stage,
                    c.Before.Mode,
                    c.Before.Channel,
                    Side(c.Before),
                    Side(c.After!),
                    c.After!.PublishedRate
                ))
                .ToList()
        );
    }

    private static TemplateSide Side(TemplateRow row) => new(row.From, row.To, row.Declarations, row.Mean);

    private static string Describe(TemplateRow row) =>
        $"{row.Reporter} from {row.Partner} ({row.Mra}), stage {row.Stage}, {row.Mode}, {row.Channel}";

    private static string OneOf(string text, IReadOnlyList<string> allowed, string column, List<DomainError> errors)
    {
        var lower = text.ToLowerInvariant();
        if (text.Length > 0 && !allowed.Contains(lower))
        {
            errors.Add(
                new DomainError($"template.{column}", $"'{text}' is not a {column}; use one of {string.Join(", ", allowed)}", column)
            );
        }

        return lower;
    }

    private static DateOnly? Date(string text, string column, List<DomainError> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new DomainError($"template.{column}", $"'{text}' is not a date in the form yyyy-mm-dd", column));
        return null;
    }
}
