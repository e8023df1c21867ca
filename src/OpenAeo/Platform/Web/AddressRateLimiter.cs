using System.Globalization;
using System.Threading.RateLimiting;

namespace OpenAeo.Platform.Web;

/// <summary>
/// A fixed window of <paramref name="permitLimit"/> permits per <paramref name="window"/> for each client address, for what
/// anyone may call without an account (the public status check, answering a survey by its open link).
/// </summary>
internal abstract class AddressRateLimiter(int permitLimit, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        }));

    /// <summary>A permit for the caller's address; when refused, the response says when to retry (<c>Retry-After</c>).</summary>
    public RateLimitLease Acquire(HttpContext http)
    {
        var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return lease;
    }

    public void Dispose()
    {
        limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}
