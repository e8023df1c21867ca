using Microsoft.Extensions.Localization;
using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Localization;
using OpenAeo.Platform.Web.Wording;

namespace OpenAeo.Certification.Pages;

/// <summary>
/// The words of certification the trader's pages share, in the visitor's language
/// (<c>Resources/Certification/Pages/CertificationWords.resx</c>):
/// actions and sides by their API names, and days and instants as the visitor's culture writes them; states and tracks are
/// <see cref="Say"/>'s, the one place for them. A name without a word (an action added later) falls back to its words, never to its key.
/// </summary>
internal sealed class CertificationWords
{
    private CertificationWords() { }
}

internal static class CertificationWordsExtensions
{
    /// <summary>An application's state or a certificate's status, in the words every page uses (<see cref="Say"/>).</summary>
    public static string State(this IStringLocalizer<CertificationWords> w, string state) =>
        Enum.TryParse<ApplicationState>(state, out _) ? Say.State(state) : Say.CertificateStatus(state);

    /// <summary>What a state means for the trader, as a phrase after the badge.</summary>
    public static string StateText(this IStringLocalizer<CertificationWords> w, string state) =>
        w.Word($"StateText.{state}") ?? w.State(state).ToLowerInvariant();

    public static string Action(this IStringLocalizer<CertificationWords> w, string action) =>
        w.Word($"Action.{action}") ?? Domain.Shared.Words.FromPascalCase(action);

    public static string Track(this IStringLocalizer<CertificationWords> w, string track) => Say.Track(track);

    public static string Side(this IStringLocalizer<CertificationWords> w, string side) =>
        w.Word($"Side.{side}") ?? side.ToLowerInvariant();

    /// <summary>The message after an action succeeded (<c>?done=</c>), in the visitor's language.</summary>
    public static string? Done(this IStringLocalizer<CertificationWords> w, string? done) =>
        done is null ? null : w.Word($"Done.{done}") ?? Labels.Done(done);

    /// <summary>A day as the visitor writes it: "2 March 2026", "2 de marzo de 2026".</summary>
    public static string Day(DateOnly? day) => day is { } d ? Languages.Day(d) : "";

    /// <summary>
    /// An instant on the clock of <paramref name="zone"/> (the programme's, where the page knows it; UTC otherwise) with the
    /// zone's abbreviation, its day as the visitor writes it: "2 March 2026 08:15 CST" (<see cref="LocalTime"/>).
    /// </summary>
    public static string Time(DateTimeOffset? at, string? zone = null) =>
        at is { } t && LocalTime.Parts(t, zone ?? "UTC") is var (day, clock, abbreviation)
            ? $"{Languages.Day(day)} {clock} {abbreviation}"
            : "";

    private static string? Word(this IStringLocalizer<CertificationWords> w, string key) =>
        w[key] is { ResourceNotFound: false } found ? found.Value : null;
}
