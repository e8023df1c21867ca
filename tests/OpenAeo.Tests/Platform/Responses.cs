namespace OpenAeo.Tests.Platform;

/// <summary>
/// A webhook's body as a receiver codes against it. The domain's <c>WebhookEvent</c> (built from the audit trail) keeps
/// its <c>data</c> as a JSON object whose members differ by event type; the test names the members it reads.
/// </summary>
internal sealed record WebhookEvent(string Type, WebhookEventData Data);

/// <summary>The members of a certificate event's <c>data</c> the tests read.</summary>
internal sealed record WebhookEventData(string? CertificateNumber, string? OperatorTin, string? Reason);

/// <summary><c>/health/ready</c> and <c>/health/live</c>: an anonymous object in <c>Health</c>, so the test names it here.</summary>
internal sealed record HealthAnswer(string Status, IReadOnlyList<HealthCheckAnswer> Checks);

/// <summary>One check of a <see cref="HealthAnswer"/>.</summary>
internal sealed record HealthCheckAnswer(string Name, string Status, string? Description);

/// <summary>A line the console's JSON log formatter writes (<c>--Logging:Format=json</c>); its members are PascalCase.</summary>
internal sealed record JsonLogLine(string Category, string Timestamp, string LogLevel);
