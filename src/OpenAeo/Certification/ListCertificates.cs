using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Certificates a page at a time: a trader its own, officers all, by operator and status (ADR 0039).</summary>
internal static class ListCertificates
{
    public static readonly Sorting<Certificate> Sorts = Sorting<Certificate>
        .Create("number", c => c.Id)
        .By("number", c => c.Number)
        .By("validFrom", c => c.ValidFrom)
        .By("validUntil", c => c.ValidUntil)
        .By("status", c => c.Status)
        .By("programme", c => c.ProgrammeCode);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/certificates", Handle).WithPaging(Sorts);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Certificates: a trader its own, officers all, filtered by operator (tin) and status.")]
    public static async Task<Results<Ok<Page<CertificateResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string? tin,
        [Limit(nameof(Limits.Keyword))] string? status,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        Tin? operatorTin = null;
        if (!string.IsNullOrWhiteSpace(tin))
        {
            var parsed = Tin.Parse(tin);
            if (!parsed.IsOk)
            {
                return Problems.NotFound($"'{tin}' is not a valid TIN.");
            }

            operatorTin = parsed.Value;
        }

        var query = Filter(db, Actor.From(user)!, operatorTin, status);
        if (!query.IsOk)
        {
            return Problems.Forbidden(query.Errors[0].Message);
        }

        var answer = await Paging.List(
            http,
            query.Value!,
            Sorts,
            page,
            pageSize,
            sort,
            async rows => (IReadOnlyList<CertificateResponse>)await Certificates.Describe(db, rows, ct),
            ct
        );
        return answer.Result is ValidationProblem invalid ? invalid : (Ok<Page<CertificateResponse>>)answer.Result;
    }

    /// <summary>The certificates the actor may see (a trader: its own operator's), optionally of one operator and in one status.</summary>
    public static Result<IQueryable<Certificate>> Filter(OpenAeoDb db, Actor actor, Tin? tin, string? status)
    {
        var query = db.Certificates().AsNoTracking().Include(c => c.Events).AsQueryable();
        if (tin is Tin filter)
        {
            query = query.Where(c => c.OperatorTin == filter);
        }

        if (actor.Role == Role.Trader)
        {
            var own = Tin.FromTrusted(actor.OperatorTin ?? "");
            query = query.Where(c => c.OperatorTin == own);
        }
        else if (!RegistryPermissions.Officers.Contains(actor.Role))
        {
            return new DomainError("forbidden", "Your role may not list certificates.");
        }

        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<CertificateStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(c => c.Status == s);
        }

        return Result<IQueryable<Certificate>>.Ok(query);
    }
}
