using System.Globalization;
using System.Threading.RateLimiting;

namespace OpenAeo.Platform.Web;

/// <summary>
/// A fixed window per client address for what anyone may call without an account (<c>{Section}:PermitLimit</c> per
/// <c>{Section}:WindowSeconds</c>), shared by an API route and the page doing the same thing.
/// </summary>
internal abstract class AddressRateLimiter(IConfiguration configuration, string section, int permits, int windowSeconds) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue($"{section}:PermitLimit", permits),
            Window = TimeSpan.FromSeconds(configuration.GetValue($"{section}:WindowSeconds", windowSeconds)),
            QueueLimit = 0,
        })
    );

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

    public void Dispose() => limiter.Dispose();
}
