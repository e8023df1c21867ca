namespace OpenAeo.TimeRelease.Pages;

/// <summary>The fields of the new-study form; <see cref="ToRequest"/> gives what the API and the CLI take.</summary>
public sealed class StudyForm
{
    public string? Name { get; set; }

    /// <summary>"file" (an uploaded file, by <see cref="Input"/>) or "openaeo" (OpenAeo's clearance data).</summary>
    public string Source { get; set; } = "file";

    public string? Input { get; set; }

    public string Stage { get; set; } = Domain.TimeRelease.Stage.Apec1;

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? By { get; set; } = "mode,channel";

    /// <summary>"mra" or "date".</summary>
    public string SplitBy { get; set; } = "mra";

    /// <summary>An MRA of the registry by id (<c>MRA-3</c>); the page chooses the registry's first MRA in force of the node's
    /// economy.</summary>
    public string? Mra { get; set; }

    public string? Split { get; set; }

    public string? BeforeFrom { get; set; }

    public string? AfterTo { get; set; }

    public string? PeriodBy { get; set; }

    public string? Target { get; set; }

    public string? ExtremeCap { get; set; }

    public bool IsSigned { get; set; }

    public string? OfficeTimeZone { get; set; }

    public bool Strict { get; set; }

    /// <summary>The intervals' level (0.95 when empty).</summary>
    public string? Confidence { get; set; }

    public int? Bootstrap { get; set; }

    public long? Seed { get; set; }

    /// <summary>The difference-in-differences' treated group, column=value.</summary>
    public string? Treated { get; set; }

    public string? Control { get; set; }

    /// <summary>The end of the data (a timestamp or a day): declarations not released by then are censored.</summary>
    public string? AsOf { get; set; }

    /// <summary>A programme's code for the working-hours clock (ADR 0044); empty counts elapsed time.</summary>
    public string? Calendar { get; set; }

    /// <summary>Quantiles from the duration bins, within 0.25 % of the exact ones (ADR 0045).</summary>
    public bool Approximate { get; set; }

    internal CreateStudyRequest ToRequest() =>
        new(
            Name,
            new StudyRequest(
                Stage == "custom" ? $"{Start?.Trim()}:{End?.Trim()}" : Stage,
                string.IsNullOrWhiteSpace(By) ? [] : [By],
                SplitBy == "date" ? Split : null,
                SplitBy == "mra" ? Mra : null,
                Empty(BeforeFrom),
                Empty(AfterTo),
                Empty(PeriodBy),
                Empty(Target),
                Empty(ExtremeCap),
                IsSigned,
                Empty(OfficeTimeZone),
                Confidence: Empty(Confidence),
                Bootstrap: Bootstrap,
                Seed: Seed,
                Treated: Empty(Treated),
                Control: Empty(Control),
                AsOf: Empty(AsOf),
                Clock: Empty(Calendar) is null ? null : StudyRequest.Working,
                Calendar: Empty(Calendar),
                Approximate: Approximate
            ),
            Source == "file" ? Input : null,
            Source == "openaeo" ? "openaeo" : null,
            Strict
        );

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
