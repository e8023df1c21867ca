using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record ProvenanceResponse(string Partner, long Index, long TreeSize);

internal sealed record RecognitionResponse(string Tin, string Result, string? Mra, string? Partner, ProvenanceResponse? Provenance);

/// <summary><c>recognition(tin, at)</c> for officers, from local certificates and verified partner replicas.</summary>
internal static class RecogniseOperator
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/recognition/{tin}", Handle).WithName("Recognition").WithTags("MutualRecognition").RequireAuthorization(Policies.Officers)
            .WithSummary("LocalAeo, RecognisedUnderMra, KnownForeignAeo, NotAeo or Unknown at a date (default now), with the log entry it rests on.");

    public static async Task<Results<Ok<RecognitionResponse>, ProblemHttpResult>> Handle([Limit(nameof(Limits.Tin))] string tin, [Limit(nameof(Limits.Keyword))] string? at, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var parsed = Tin.Parse(tin);
        if (!parsed.IsOk)
        {
            return Problems.NotFound($"'{tin}' is not a valid TIN.");
        }

        if (!TryParseAt(at, clock, out var instant))
        {
            return TypedResults.Problem(detail: "at is a date (yyyy-mm-dd, meaning the end of that UTC day) or an ISO 8601 time.", statusCode: 400, title: "The request is not valid.");
        }

        var answer = await Execute(parsed.Value, instant, db, ct);
        return TypedResults.Ok(new RecognitionResponse(answer.Tin.Value, answer.Result.ToString(), answer.Mra, answer.Partner,
            answer.Provenance is { } p ? new ProvenanceResponse(p.Partner, p.Index, p.TreeSize) : null));
    }

    public static bool TryParseAt(string? at, TimeProvider clock, out DateTimeOffset instant)
    {
        if (string.IsNullOrWhiteSpace(at))
        {
            instant = clock.GetUtcNow();
            return true;
        }

        if (DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A day asks about the whole day: events effective that day count.
            instant = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    public static async Task<RecognitionAnswer> Execute(Tin tin, DateTimeOffset at, OpenAeoDb db, CancellationToken ct) =>
        (await RecognitionSources.LoadAsync(db, [tin.Value], ct)).Recognise(tin, at);
}

internal sealed record PublicStatusResponse(string Tin, string LegalName, string Status, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <summary>
/// Public status verification for traders checking a business partner: name, status and validity only, only for
/// operators that consented, and rate limited per client address so the register cannot be harvested.
/// </summary>
internal static class PublicStatus
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/public/status/{tin}", Handle).WithName("PublicStatus").WithTags("MutualRecognition").AllowAnonymous()
            .WithSummary("Name, AEO status and validity of a consenting operator; rate limited (429 when exceeded).");

    public static async Task<Results<Ok<PublicStatusResponse>, ProblemHttpResult>> Handle([Limit(nameof(Limits.Tin))] string tin, HttpContext http, PublicStatusLimiter limiter, OpenAeoDb db, CancellationToken ct)
    {
        using var lease = limiter.Acquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(detail: "Too many status checks from this address; try again later.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
        }

        var parsed = Tin.Parse(tin);
        var op = parsed.IsOk ? await db.Operators().AsNoTracking().SingleOrDefaultAsync(o => o.Tin == parsed.Value && o.ConsentToExchange, ct) : null;
        if (op is null)
        {
            return Problems.NotFound($"No operator {tin} that consented to status checks.");
        }

        var certificate = await db.Certificates().AsNoTracking().Where(c => c.OperatorTin == op.Tin)
            .OrderByDescending(c => c.Status == CertificateStatus.Active).ThenByDescending(c => c.ValidFrom).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new PublicStatusResponse(op.Tin.Value, op.LegalName, certificate is null ? "NotAeo" : certificate.Status.ToString(),
            certificate?.ValidFrom, certificate?.ValidUntil));
    }
}

/// <summary>A fixed window per client address (<c>PublicStatus:PermitLimit</c> per <c>PublicStatus:WindowSeconds</c>, default 60 per 60 s).</summary>
internal sealed class PublicStatusLimiter(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("PublicStatus:PermitLimit", 60),
            Window = TimeSpan.FromSeconds(configuration.GetValue("PublicStatus:WindowSeconds", 60)),
            QueueLimit = 0,
        }));

    public RateLimitLease Acquire(string ip) => limiter.AttemptAcquire(ip);

    public void Dispose() => limiter.Dispose();
}
