using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>
/// A node certifies only for its own economy (ADR 0012): other economies' programmes are reference data on it, for
/// reading and for recognising their AEOs, never for applications, grants or imported certificates. Otherwise a node
/// would publish another administration's certificates in its own signed log, as if it had issued them.
/// </summary>
public static class Jurisdiction
{
    /// <summary>The error code; the API answers it with 409 and a problem type of its own.</summary>
    public const string ForeignProgramme = "certification.foreign-programme";

    /// <summary>Null when <paramref name="nodeEconomy"/> may <paramref name="act"/> under <paramref name="programme"/>; otherwise why
    /// not.</summary>
    /// <param name="act">What is being refused, as a verb phrase: "accept applications", "grant certificates", "import
    /// certificates".</param>
    public static DomainError? Refusal(string nodeEconomy, Programme programme, string act) =>
        string.Equals(programme.EconomyCode, nodeEconomy, StringComparison.OrdinalIgnoreCase)
            ? null
            : new DomainError(
                ForeignProgramme,
                $"{programme.Name} ({programme.Code}) is {programme.EconomyCode}'s programme: this node certifies "
                    + $"for {nodeEconomy.ToUpperInvariant()} only, so it cannot {act} under it. Other economies' "
                    + "programmes are reference data here.",
                "programme"
            );
}
