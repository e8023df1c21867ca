using System.Security.Cryptography;
using System.Text;

namespace OpenAeo.Domain.Insights;

/// <summary>
/// A one-time invitation to answer a survey. The token is given once (in the link <c>/s/{token}</c>) and only its SHA-256 is
/// kept, so the database cannot be used to answer in someone's place. Using it records that it was used, not when nor by
/// which response: the response carries no reference to it.
/// </summary>
public sealed class SurveyInvitation
{
    private SurveyInvitation() { }

    public long Id { get; private set; }

    public int SurveyId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public bool Used { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static SurveyInvitation Issue(int surveyId, string token, DateTimeOffset now) =>
        new()
        {
            SurveyId = surveyId,
            TokenHash = SurveyTokens.Hash(token),
            CreatedAt = now,
        };

    /// <summary>Spends the invitation; a second answer with the same link is refused.</summary>
    public Result<SurveyInvitation> Use()
    {
        if (Used)
        {
            return new DomainError(
                "survey.invitation.answered",
                "This invitation has already been used to answer; each invitation answers once."
            );
        }

        Used = true;
        return Result<SurveyInvitation>.Ok(this);
    }
}

/// <summary>The shape of invitation tokens: 128 random bits, written URL-safe in 22 characters.</summary>
public static class SurveyTokens
{
    public const int Bytes = 16;
    public const int Length = 22;

    public const int MaxInvitationsAtOnce = 1000;

    /// <summary>The token for <paramref name="random"/> (<see cref="Bytes"/> bytes from a cryptographic generator).</summary>
    public static string Format(ReadOnlySpan<byte> random)
    {
        if (random.Length != Bytes)
        {
            throw new ArgumentException($"A token is {Bytes} random bytes.", nameof(random));
        }

        return Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether the text could be a token at all; anything else is refused before the database is asked.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>How many invitations one request may issue (one to <see cref="MaxInvitationsAtOnce"/>).</summary>
    public static DomainError? CheckCount(int? count) =>
        count is >= 1 and <= MaxInvitationsAtOnce
            ? null
            : new DomainError("survey.invitations.count", $"Issue between 1 and {MaxInvitationsAtOnce} invitations at a time.", "count");
}
