using System.Security.Cryptography;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>The self-check the visitor chose to attach: its profile and its answers as the link code (<c>COMP-1:y,…</c>).</summary>
internal sealed record SelfCheckAttachment(
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Roles,
    [Limit(nameof(Limits.Employees))] int? Employees,
    [Limit(nameof(Limits.Money))] decimal? Turnover,
    [Limit(nameof(Limits.Sector))] string? Sector,
    [Limit(nameof(Limits.Text))] string? Answers
);

/// <summary>A prior-consultation request as the public form and the API send it.</summary>
internal sealed record ConsultationRequest(
    [Limit(nameof(Limits.ProgrammeCode))] string? Programme,
    [Limit(nameof(Limits.Tin))] string? Tin,
    [Limit(nameof(Limits.LegalName))] string? LegalName,
    [Limit(nameof(Limits.Name))] string? ContactName,
    [Limit(nameof(Limits.Email))] string? Email,
    [Limit(nameof(Limits.Phone))] string? Phone,
    [Limit(nameof(Limits.PreferredDates))] IReadOnlyList<DateOnly>? PreferredDates,
    [Limit(nameof(Limits.Note))] string? Message,
    SelfCheckAttachment? SelfCheck
);

/// <param name="Reference">What the requester quotes when it writes or calls.</param>
internal sealed record ConsultationResponse(
    string Reference,
    string Programme,
    string ProgrammeName,
    IReadOnlyList<DateOnly> PreferredDates,
    DateTimeOffset ReceivedAt
);

/// <summary>A fixed window per client address for prior-consultation requests (<c>Consultations:PermitLimit</c> per
/// <c>Consultations:WindowSeconds</c>, default 10 an hour), shared by the API and the page.</summary>
internal sealed class ConsultationLimiter(IConfiguration configuration) : AddressRateLimiter(configuration, "Consultations", 10, 3600);

/// <summary>
/// <c>POST /api/v1/public/consultations</c>: a company without an account asks for a prior consultation (issue 13 item 4).
/// It becomes a prospect in the programme's queue for account managers; the requester gets a reference. Rate limited
/// per address; audited as done by "anonymous".
/// </summary>
internal static class ConsultationRequests
{
    /// <summary>Letters and digits people do not confuse when they read a reference over the phone.</summary>
    private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/public/consultations", Handle).ProducesProblem(StatusCodes.Status429TooManyRequests);

    [AllowAnonymous]
    [EndpointSummary(
        "A prior-consultation request without an account: company, TIN, contact, preferred days, "
            + "optionally the self-check; returns a reference. Rate limited (429)."
    )]
    public static async Task<Results<Created<ConsultationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ConsultationRequest request,
        HttpContext http,
        ConsultationLimiter limiter,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        using var lease = limiter.Acquire(http);
        if (!lease.IsAcquired)
        {
            return Problems.TooManyRequests("Too many requests from this address; try again later.");
        }

        return Problems.CreatedOr(await Execute(request, db, clock, ct), r => $"/api/v1/public/consultations/{r.Reference}");
    }

    public static async Task<Result<ConsultationResponse>> Execute(
        ConsultationRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<ConsultationResponse>.Fail(outOfLimits);
        }

        var code = (request.Programme ?? "").Trim().ToUpperInvariant();
        if (await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct) is not { } programme)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no programme '{request.Programme}'.", "programme");
        }

        var tin = Tin.Parse(request.Tin);
        var (roles, unknownRole) = OperatorRoleNames.Parse(string.Join(';', request.SelfCheck?.Roles ?? []));
        var errors = new List<DomainError>(tin.Errors);
        if (unknownRole is not null)
        {
            errors.Add(new("prospect.roles", $"'{unknownRole}' is not an operator role.", "selfCheck.roles"));
        }

        if (errors.Count > 0)
        {
            return Result<ConsultationResponse>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone)).DateTime);
        var details = new ProspectDetails(
            tin.Value,
            request.LegalName ?? "",
            request.ContactName ?? "",
            request.Email ?? "",
            request.Phone,
            request.PreferredDates ?? [],
            request.Message,
            roles,
            request.SelfCheck?.Employees,
            request.SelfCheck?.Turnover,
            request.SelfCheck?.Sector,
            request.SelfCheck?.Answers
        );
        var prospect = Prospect.Request(programme.Code, programme.EconomyCode, NewReference(), details, today, now);
        if (!prospect.IsOk)
        {
            return Result<ConsultationResponse>.Fail(prospect.Errors);
        }

        var p = prospect.Value!;
        db.Prospects().Add(p);
        db.Audit(
            now,
            "anonymous",
            "prospect.requested",
            $"prospect:{p.Reference}",
            null,
            new
            {
                p.Reference,
                p.ProgrammeCode,
                Tin = p.Tin.Value,
                p.LegalName,
                p.PreferredDates,
                selfCheck = p.SelfCheckAnswers is not null,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<ConsultationResponse>.Ok(
            new ConsultationResponse(p.Reference, programme.Code, programme.Name, p.PreferredDates, now)
        );
    }

    /// <summary>PC- and eight characters: 30⁸ ≈ 6.6 × 10¹¹, so references neither collide in practice nor can be guessed.</summary>
    private static string NewReference() =>
        "PC-"
        + string.Concat(Enumerable.Range(0, 8).Select(_ => ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)]));
}
