using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>The applicant's answer to one self-assessment question.</summary>
public sealed class Answer : IApplicationPart
{
    private Answer() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public string QuestionCode { get; private set; } = "";

    public string? Text { get; private set; }

    public bool OutcomeBased { get; private set; }

    public string? OutcomePlan { get; private set; }

    public bool Outsourced { get; private set; }

    public string? Provider { get; private set; }

    /// <summary>The contractor's TIN, by which its own AEO status is looked up (local certificate or a partner's, recognised under an
    /// MRA).</summary>
    public string? ProviderTin { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public static Result<Answer> Create(int applicationId, string questionCode, DateTimeOffset now, string actor) =>
        Result<Answer>.Ok(
            new Answer
            {
                ApplicationId = applicationId,
                QuestionCode = questionCode,
                UpdatedAt = now,
                UpdatedBy = actor,
            }
        );

    public IReadOnlyList<DomainError> Set(
        string? text,
        bool outcomeBased,
        string? outcomePlan,
        bool outsourced,
        string? provider,
        DateTimeOffset now,
        string actor,
        string? providerTin = null
    )
    {
        var errors = new List<DomainError>();
        Tin? contractor = null;
        if (outsourced && !string.IsNullOrWhiteSpace(providerTin))
        {
            var parsed = Tin.Parse(providerTin);
            if (parsed.IsOk)
            {
                contractor = parsed.Value;
            }
            else
            {
                errors.Add(new("answer.providerTin", $"The contractor's TIN: {parsed.Errors[0].Message}", "providerTin"));
            }
        }

        if ((Limits.Text.Problem(text, "An answer") ?? Limits.Text.Problem(outcomePlan, "An outcome plan")) is { } tooLong)
        {
            errors.Add(new("answer.length", tooLong, "text"));
        }

        if (Limits.Name.Problem(provider, "A provider name") is { } provided)
        {
            errors.Add(new("answer.provider", provided, "provider"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        Text = Clean(text);
        OutcomeBased = outcomeBased;
        OutcomePlan = outcomeBased ? Clean(outcomePlan) : null;
        Outsourced = outsourced;
        Provider = outsourced ? Clean(provider) : null;
        ProviderTin = contractor?.Value;
        UpdatedAt = now;
        UpdatedBy = actor;
        return errors;
    }

    public AnswerSnapshot Snapshot(int evidenceCount) =>
        new(QuestionCode, Text, OutcomeBased, OutcomePlan, Outsourced, Provider, evidenceCount) { ProviderTin = ProviderTin };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A document the applicant attached as evidence, checked for size and type on upload.</summary>
public sealed class EvidenceDocument : IApplicationPart
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Types a customs officer can open safely; checked against the file's first bytes, not only its name.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    private EvidenceDocument() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public string? QuestionCode { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    /// <summary>Evidence of a supply-chain master that sponsored members' officers may see.</summary>
    public bool SharedWithChain { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; } = "";

    public static Result<EvidenceDocument> Create(
        int applicationId,
        string? questionCode,
        string fileName,
        byte[] content,
        string sha256,
        bool shared,
        DateTimeOffset now,
        string actor
    )
    {
        var name = Path.GetFileName((fileName ?? "").Trim());
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length is 0 or > 200)
        {
            return new DomainError("document.name", "A document needs a file name of at most 200 characters.", "file");
        }

        if (content.Length == 0)
        {
            return new DomainError("document.empty", "The file is empty.", "file");
        }

        if (content.Length > MaxBytes)
        {
            return new DomainError(
                "document.size",
                $"A document is at most {MaxBytes / (1024 * 1024)} MB; this one is {content.Length / (1024.0 * 1024.0):0.0} MB.",
                "file"
            );
        }

        if (!AllowedTypes.TryGetValue(extension, out var type))
        {
            return new DomainError("document.type", $"Accepted types: {string.Join(", ", AllowedTypes.Keys)}.", "file");
        }

        if (!ContentMatches(extension, content))
        {
            return new DomainError("document.type", $"The content of {name} is not a {extension} file.", "file");
        }

        return Result<EvidenceDocument>.Ok(
            new EvidenceDocument
            {
                ApplicationId = applicationId,
                QuestionCode = questionCode,
                FileName = name,
                ContentType = type,
                Size = content.Length,
                Sha256 = sha256,
                Content = content,
                SharedWithChain = shared,
                UploadedAt = now,
                UploadedBy = actor,
            }
        );
    }

    private static bool ContentMatches(string extension, byte[] c) =>
        extension switch
        {
            ".pdf" => c.AsSpan().StartsWith("%PDF-"u8),
            ".png" => c.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => c.Length > 3 && c[0] == 0xFF && c[1] == 0xD8 && c[2] == 0xFF,
            ".docx" or ".xlsx" => c.AsSpan().StartsWith("PK\u0003\u0004"u8),
            // Text must be text: no NUL bytes in what we store as text/plain or text/csv.
            _ => !c.AsSpan(0, Math.Min(c.Length, 8192)).Contains((byte)0),
        };
}

/// <summary>A question from customs to the applicant, with a due date.</summary>
public sealed class InformationRequest : IApplicationPart
{
    private InformationRequest() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public string Question { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public string? AnswerText { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public string? AnsweredBy { get; private set; }

    public bool IsOpen => AnsweredAt is null;

    public bool IsOverdue(DateOnly today) => IsOpen && today > DueOn;

    public static Result<InformationRequest> Create(
        int applicationId,
        string question,
        DateOnly? due,
        DateOnly today,
        DateTimeOffset now,
        string actor
    )
    {
        if (string.IsNullOrWhiteSpace(question) || Limits.Text.Problem(question, "A question") is not null)
        {
            return new DomainError(
                "request.question",
                Limits.Text.Problem(question, "A question") ?? "A request asks a question.",
                "question"
            );
        }

        if (due is not { } dueOn)
        {
            return new DomainError("request.due", $"Give the day the answer is due, after today ({today:yyyy-MM-dd}).", "dueOn");
        }

        return dueOn <= today
            ? new DomainError(
                "request.due",
                $"The due date must be after today ({today:yyyy-MM-dd}); {dueOn:yyyy-MM-dd} is "
                    + $"{(dueOn == today ? "today" : "in the past")}.",
                "dueOn"
            )
            : Result<InformationRequest>.Ok(
                new InformationRequest
                {
                    ApplicationId = applicationId,
                    Question = question.Trim(),
                    DueOn = dueOn,
                    RequestedAt = now,
                    RequestedBy = actor,
                }
            );
    }

    public DomainError? Answer(string? text, DateTimeOffset now, string actor)
    {
        if (!IsOpen)
        {
            return new DomainError("request.answered", "This request was answered already.");
        }

        if (string.IsNullOrWhiteSpace(text) || Limits.Text.Problem(text, "An answer") is not null)
        {
            return new DomainError("request.answer", Limits.Text.Problem(text, "An answer") ?? "An answer is required.", "answer");
        }

        AnswerText = text.Trim();
        AnsweredAt = now;
        AnsweredBy = actor;
        return null;
    }
}

public enum VisitMode
{
    OnSite,
    Remote,
}

public enum VisitStatus
{
    Planned,
    Completed,

    /// <summary>Performed by an MRA partner's administration and recognised instead of repeated.</summary>
    RecognisedFromPartner,
}

public enum FindingRating
{
    Met,
    PartlyMet,
    NotMet,
}

public sealed record Finding([Limit(nameof(Limits.Name))] string Group, FindingRating Rating, [Limit(nameof(Limits.Note))] string? Note);

/// <summary>A validation visit, on site or remote, with findings per criteria group and a report.</summary>
public sealed class ValidationVisit : IApplicationPart
{
    private ValidationVisit() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public DateOnly PlannedFor { get; private set; }

    public VisitMode Mode { get; private set; }

    public string Officer { get; private set; } = "";

    public VisitStatus Status { get; private set; }

    public string? PartnerEconomy { get; private set; }

    public string? PartnerReference { get; private set; }

    /// <summary>The partner's certificate the visit rests on, as the replica showed it when recognised (TIN, number, MRA, log
    /// position).</summary>
    public string? PartnerTin { get; private set; }

    public string? PartnerCertificateNumber { get; private set; }

    public string? PartnerMra { get; private set; }

    public long? PartnerLogIndex { get; private set; }

    public List<Finding> Findings { get; private set; } = [];

    public string? Report { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static Result<ValidationVisit> Plan(int applicationId, DateOnly plannedFor, VisitMode mode, string officer, DateOnly today) =>
        plannedFor < today
            ? new DomainError(
                "visit.date",
                $"A visit must be planned for today ({today:yyyy-MM-dd}) or later; {plannedFor:yyyy-MM-dd} has passed.",
                "plannedFor"
            )
            : Result<ValidationVisit>.Ok(
                new ValidationVisit
                {
                    ApplicationId = applicationId,
                    PlannedFor = plannedFor,
                    Mode = mode,
                    Officer = officer,
                    Status = VisitStatus.Planned,
                }
            );

    /// <param name="link">The partner's certificate under an MRA in force
    /// (<see cref="MutualRecognition.PartnerValidation.Decide"/>).</param>
    public static Result<ValidationVisit> RecognisePartner(
        int applicationId,
        string partnerEconomy,
        string reference,
        DateOnly performedOn,
        string report,
        string officer,
        DateOnly today,
        DateTimeOffset now,
        MutualRecognition.PartnerCertificateLink link
    )
    {
        if (!Registry.Economy.IsEconomyCode((partnerEconomy ?? "").Trim().ToUpperInvariant()) || string.IsNullOrWhiteSpace(reference))
        {
            return new DomainError("visit.partner", "Name the partner administration's economy and its visit reference.", "partnerEconomy");
        }

        if (performedOn > today)
        {
            return new DomainError(
                "visit.date",
                $"Only a visit already performed is recognised; {performedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).",
                "performedOn"
            );
        }

        return Result<ValidationVisit>.Ok(
            new ValidationVisit
            {
                ApplicationId = applicationId,
                PlannedFor = performedOn,
                Mode = VisitMode.OnSite,
                Officer = officer,
                Status = VisitStatus.RecognisedFromPartner,
                PartnerEconomy = partnerEconomy!.Trim().ToUpperInvariant(),
                PartnerReference = reference.Trim(),
                Report = string.IsNullOrWhiteSpace(report) ? null : report.Trim(),
                CompletedAt = now,
                PartnerTin = link.Tin.Value,
                PartnerCertificateNumber = link.CertificateNumber,
                PartnerMra = link.Mra,
                PartnerLogIndex = link.LogIndex,
            }
        );
    }

    /// <summary>Records the visit's findings and report; a visit is reported once it has taken place, on its day or later.</summary>
    public DomainError? Complete(
        IReadOnlyList<Finding> findings,
        string? report,
        IReadOnlySet<string> groups,
        DateOnly today,
        DateTimeOffset now
    )
    {
        if (Status != VisitStatus.Planned)
        {
            return new DomainError("visit.status", "This visit is already completed.");
        }

        if (PlannedFor > today)
        {
            return new DomainError(
                "visit.not-ready",
                $"The visit is planned for {PlannedFor:yyyy-MM-dd}; its report can be recorded from that day on, "
                    + $"not today ({today:yyyy-MM-dd})."
            );
        }

        if (findings.Count == 0 || string.IsNullOrWhiteSpace(report))
        {
            return new DomainError("visit.report", "A completed visit has findings and a report.", "findings");
        }

        var unknown = findings.Select(f => f.Group).Where(g => !groups.Contains(g)).ToList();
        if (unknown.Count > 0)
        {
            return new DomainError(
                "visit.findings",
                $"Findings are per criteria group of the pack; unknown: {string.Join(", ", unknown)}.",
                "findings"
            );
        }

        Findings = [.. findings];
        Report = report.Trim();
        Status = VisitStatus.Completed;
        CompletedAt = now;
        return null;
    }
}

/// <summary>A coded reason a programme may give for a rejection; the codes feed KPIs and outreach.</summary>
public sealed class RejectionReason
{
    private RejectionReason() { }

    public RejectionReason(string programmeCode, string code, string label)
    {
        ProgrammeCode = programmeCode;
        Code = code;
        Label = label;
    }

    public int Id { get; private set; }

    public string ProgrammeCode { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string Label { get; private set; } = "";

    public bool Retired { get; private set; }

    public void Retire() => Retired = true;
}
