using Microsoft.Extensions.Localization;
using OpenAeo.Platform.Localization;

namespace OpenAeo.Certification.Pages;

/// <summary>
/// The words of certification the trader's pages share, in the visitor's language
/// (<c>Resources/Certification/Pages/CertificationWords.resx</c>):
/// states, actions, tracks and sides by their API names, and days and instants as the visitor's culture writes them. A name
/// without a word (an action added later) falls back to the English words of <see cref="Labels"/>, never to its key.
/// </summary>
internal sealed class CertificationWords
{
    private CertificationWords() { }
}

internal static class CertificationWordsExtensions
{
    public static string State(this IStringLocalizer<CertificationWords> w, string state) =>
        w.Word($"State.{state}") ?? Labels.Words(state);

    /// <summary>What a state means for the trader, as a phrase after the badge.</summary>
    public static string StateText(this IStringLocalizer<CertificationWords> w, string state) =>
        w.Word($"StateText.{state}") ?? Labels.Words(state).ToLowerInvariant();

    public static string Action(this IStringLocalizer<CertificationWords> w, string action) =>
        w.Word($"Action.{action}") ?? Labels.Words(action);

    public static string Track(this IStringLocalizer<CertificationWords> w, string track) =>
        w.Word($"Track.{track}") ?? Labels.Track(track);

    public static string Side(this IStringLocalizer<CertificationWords> w, string side) =>
        w.Word($"Side.{side}") ?? side.ToLowerInvariant();

    /// <summary>The message after an action succeeded (<c>?done=</c>), in the visitor's language.</summary>
    public static string? Done(this IStringLocalizer<CertificationWords> w, string? done) =>
        done is null ? null : w.Word($"Done.{done}") ?? Labels.Done(done);

    /// <summary>A day as the visitor writes it: "2 March 2026", "2 de marzo de 2026".</summary>
    public static string Day(DateOnly? day) => day is { } d ? Languages.Day(d) : "";

    /// <summary>An instant in UTC (the pages do not know the visitor's zone), its day as the visitor writes it.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t
            ? $"{Languages.Day(DateOnly.FromDateTime(t.UtcDateTime))} "
                + $"{t.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC"
            : "";

    private static string? Word(this IStringLocalizer<CertificationWords> w, string key) =>
        w[key] is { ResourceNotFound: false } found ? found.Value : null;
}
