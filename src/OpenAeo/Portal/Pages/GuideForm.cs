using OpenAeo.Domain.Certification;

namespace OpenAeo.Portal.Pages;

/// <summary>The officers' guide form: the request of <c>PUT /api/v1/programmes/{code}/guides/{criterion}/{language}</c> as
/// fields.</summary>
internal sealed class GuideForm
{
    public string? Criterion { get; set; }

    public string? Language { get; set; }

    public string? Question { get; set; }

    public string? LooksFor { get; set; }

    public string? Evidence { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public static GuideForm From(string criterion, string language, GuideWords? own) =>
        new()
        {
            Criterion = criterion,
            Language = language,
            Question = own?.Question,
            LooksFor = own?.LooksFor,
            Evidence = own?.Evidence,
            Outcome = own?.Outcome,
        };

    public GuideRequest ToRequest() => new(Question, LooksFor, Evidence, Outcome, string.IsNullOrWhiteSpace(Reason) ? null : Reason);
}

/// <summary>The restore button's form: which text goes, and why.</summary>
internal sealed class GuideRestoration
{
    public string? Criterion { get; set; }

    public string? Language { get; set; }

    public string? Reason { get; set; }
}
