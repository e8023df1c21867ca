namespace OpenAeo.Domain.Certification;

/// <summary>The reasons a notice of intent or a rejection rests on: the programme's codes, normalised, and the same reasons in
/// words.</summary>
public sealed record Grounds(IReadOnlyList<string> Codes, string Text);

/// <summary>
/// What a notice of intent to reject and a rejection must state before the workflow is asked (the right to be heard,
/// EU UCC art. 22(6)): one or more of the programme's current reason codes, and words the applicant can read. A
/// rejection's letter also says whether the applicant's response to the notice was considered.
/// </summary>
public static class RejectionGrounds
{
    public const string ReasonsCode = "rejection.reasons";
    public const string RejectionTextCode = "rejection.text";
    public const string NoticeTextCode = "notice.text";

    /// <summary>The grounds of a notice of intent to reject.</summary>
    /// <param name="known">The programme's reason codes that are not retired.</param>
    public static Result<Grounds> ForNotice(IReadOnlyList<string?> reasons, IReadOnlySet<string> known, string? text) =>
        Decide(
            reasons,
            known,
            text,
            new DomainError(NoticeTextCode, "A notice of intent states its reasons to the applicant in words too.", "text")
        );

    /// <summary>The grounds of a rejection; <paramref name="reasons"/> are the notice's codes when the officer names none.</summary>
    public static Result<Grounds> ForRejection(IReadOnlyList<string?> reasons, IReadOnlySet<string> known, string? text) =>
        Decide(
            reasons,
            known,
            text,
            new DomainError(RejectionTextCode, "A rejection explains itself to the applicant in words too.", "text")
        );

    /// <summary>The programme's codes among <paramref name="reasons"/> (trimmed, upper case, each once), or one error naming the valid
    /// codes.</summary>
    public static Result<IReadOnlyList<string>> Codes(IReadOnlyList<string?> reasons, IReadOnlySet<string> known)
    {
        var codes = reasons.Select(r => (r ?? "").Trim().ToUpperInvariant()).Distinct().ToList();
        return codes.Count == 0 || codes.Any(code => !known.Contains(code))
            ? new DomainError(
                ReasonsCode,
                $"A rejection gives one or more of the programme's reason codes: {string.Join(", ", known.Order(StringComparer.Ordinal))}.",
                "reasons"
            )
            : Result<IReadOnlyList<string>>.Ok(codes);
    }

    /// <summary>
    /// The rejection as the applicant reads it: the officer's words, then whether its response to the notice of intent
    /// was considered (<paramref name="respondedOn"/>, a local day) or none came by the end of the response period.
    /// </summary>
    public static string Letter(string text, DateOnly? noticeIssuedOn, DateOnly? respondBy, DateOnly? respondedOn)
    {
        var heard = respondedOn is DateOnly on
            ? $"The response to the notice of intent of {noticeIssuedOn:yyyy-MM-dd}, received on {on:yyyy-MM-dd}, was considered."
            : $"No response to the notice of intent of {noticeIssuedOn:yyyy-MM-dd} was received by {respondBy:yyyy-MM-dd}.";
        return $"{text}\n\n{heard}";
    }

    private static Result<Grounds> Decide(IReadOnlyList<string?> reasons, IReadOnlySet<string> known, string? text, DomainError wordless)
    {
        // The codes are checked first: an officer who typed an unknown code learns the valid ones before being asked for words.
        var codes = Codes(reasons, known);
        if (!codes.IsOk)
        {
            return Result<Grounds>.Fail(codes.Errors);
        }

        return string.IsNullOrWhiteSpace(text) ? wordless : Result<Grounds>.Ok(new Grounds(codes.Value!, text.Trim()));
    }
}
