using System.Globalization;
using System.Resources;

// Not OpenAeo.Platform.Web.Words: a namespace of that name would hide Domain.Shared.Words from the rest of Platform.Web.
namespace OpenAeo.Platform.Web.Wording;

/// <summary>
/// The one place that turns the codes people would otherwise read (enum names, audit actions) into words, in the
/// visitor's language (<c>Resources/Platform/Web/Words/Say.resx</c>, keyed <c>{Enum}.{Name}</c> and <c>Audit.{action}</c>).
/// A name without a word (a value added later) falls back to its PascalCase split into words, never to the raw code,
/// so a new enum value reads "Under negotiation" before anyone writes its label.
/// </summary>
internal static class Say
{
    // A static ResourceManager rather than IStringLocalizer: labels are needed in records, static helpers and
    // components alike, and the request's culture is already the thread's UI culture.
    private static readonly ResourceManager Resources = new("OpenAeo.Resources.Platform.Web.Words.Say", typeof(Say).Assembly);

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of<TEnum>(value.ToString());

    /// <summary>The words for an enum value carried as its API name (the read models carry strings).</summary>
    public static string Of<TEnum>(string? name)
        where TEnum : struct, Enum =>
        string.IsNullOrEmpty(name) ? "" : Word($"{typeof(TEnum).Name}.{name}") ?? Domain.Shared.Words.FromPascalCase(name);

    /// <summary>The words for an enum value whose type is known only when the page runs (a rule's conditions).</summary>
    public static string Of(Enum value) => Word($"{value.GetType().Name}.{value}") ?? Domain.Shared.Words.FromPascalCase(value.ToString());

    public static string State(string? state) => Of<Domain.Certification.ApplicationState>(state);

    public static string CertificateStatus(string? status) => Of<Domain.Certification.CertificateStatus>(status);

    public static string Role(string? role) => Of<Domain.Registry.Role>(role);

    public static string Track(string? track) => Of<Domain.Certification.Track>(track);

    public static string Lane(string? lane) => Of<Domain.Clearance.Lane>(lane);

    public static string MraStatus(string? status) => Of<Domain.MutualRecognition.MraStatus>(status);

    /// <summary>
    /// An audit entry as a sentence: "officer suspended certificate TW-AEO-0042". A dotted action <c>noun.verb</c> without
    /// its own sentence reads "{who} {verb} {noun} {id}", which is right for most (<c>operator.registered</c>); the
    /// others have a sentence in the resources.
    /// </summary>
    public static string AuditSentence(string who, string action, string subject)
    {
        var id = subject.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? subject[(colon + 1)..] : subject;
        if (Word($"Audit.{action}") is { } sentence)
        {
            return string.Format(CultureInfo.CurrentCulture, sentence, who, id);
        }

        var dot = action.IndexOf('.', StringComparison.Ordinal);
        var noun = (dot < 0 ? subject.Split(':')[0] : action[..dot]).Replace('-', ' ');
        var verb = (dot < 0 ? action : action[(dot + 1)..]).Replace('-', ' ').Replace('.', ' ');
        return string.IsNullOrEmpty(id) || id == noun ? $"{who} {verb} {noun}" : $"{who} {verb} {noun} {id}";
    }

    private static string? Word(string key)
    {
        try
        {
            return Resources.GetString(key, CultureInfo.CurrentUICulture) is { Length: > 0 } found ? found : null;
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }
}
