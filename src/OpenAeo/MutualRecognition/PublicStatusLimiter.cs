namespace OpenAeo.MutualRecognition;

/// <summary>A fixed window per client address (<c>PublicStatus:PermitLimit</c> per <c>PublicStatus:WindowSeconds</c>, default 60 per 60 s),
/// shared by the API and the page.</summary>
internal sealed class PublicStatusLimiter(IConfiguration configuration) : AddressRateLimiter(configuration, "PublicStatus", 60, 60);
