using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAeo.Domain.Shared.Webhooks;

/// <summary>
/// The fixed catalogue of events a webhook subscription may ask for (ADR 0037). Names are dotted, as Standard Webhooks
/// recommends; a receiver switches on them, so a name never changes once published.
/// </summary>
public static class WebhookEventTypes
{
    public const string CertificateGranted = "certificate.granted";
    public const string CertificateSuspended = "certificate.suspended";
    public const string CertificateReinstated = "certificate.reinstated";
    public const string CertificateRevoked = "certificate.revoked";
    public const string CertificateExpired = "certificate.expired";
    public const string ApplicationStateChanged = "application.state-changed";
    public const string LaneDecided = "declaration.lane-decided";
    public const string ExaminationResult = "declaration.examination-result";
    public const string PartnerStatusDiverged = "partner.status-diverged";
    public const string StudyFinished = "study.finished";

    public static readonly IReadOnlyList<string> All =
    [
        CertificateGranted,
        CertificateSuspended,
        CertificateReinstated,
        CertificateRevoked,
        CertificateExpired,
        ApplicationStateChanged,
        LaneDecided,
        ExaminationResult,
        PartnerStatusDiverged,
        StudyFinished,
    ];

    /// <summary>The chosen types in catalogue order without repeats, or an error naming each unknown one.</summary>
    public static Result<IReadOnlyList<string>> Parse(IEnumerable<string>? names, string field = "eventTypes")
    {
        var chosen = (names ?? []).Select(n => n.Trim()).ToList();
        var unknown = chosen.Where(n => !All.Contains(n, StringComparer.Ordinal)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return Result<IReadOnlyList<string>>.Fail([
                .. unknown.Select(n => new DomainError(
                    "webhook.event-type",
                    $"'{n}' is not a webhook event type; use one of {string.Join(", ", All)}.",
                    field
                )),
            ]);
        }

        if (chosen.Count == 0)
        {
            return new DomainError("webhook.event-types", "Choose at least one event type.", field);
        }

        return Result<IReadOnlyList<string>>.Ok([.. All.Where(chosen.Contains)]);
    }
}

/// <summary>One event for receivers: its type and the subject's identifiers (never more than an administrator sees).</summary>
public sealed record WebhookEvent(string Type, JsonObject Data)
{
    /// <summary>The body Standard Webhooks recommends: <c>{ "type", "timestamp", "data" }</c>, the timestamp being when it
    /// happened.</summary>
    public string Payload(DateTimeOffset at) =>
        new JsonObject
        {
            ["type"] = Type,
            ["timestamp"] = at.ToUniversalTime()
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = Data.DeepClone(),
        }.ToJsonString();
}

/// <summary>
/// The outbox's table: which audit entries are webhook events, and what a receiver is told. The audit trail is written
/// in the same transaction as every state change, so reading events from it means no use case can forget to emit one
/// and a crash cannot lose one (ADR 0037).
/// </summary>
public static class WebhookEvents
{
    /// <summary>The audit action (or, ending with a dot, the action prefix) each event type is read from.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [WebhookEventTypes.CertificateGranted] = "certificate.granted",
        [WebhookEventTypes.CertificateSuspended] = "certificate.suspended",
        [WebhookEventTypes.CertificateReinstated] = "certificate.reinstated",
        [WebhookEventTypes.CertificateRevoked] = "certificate.revoked",
        [WebhookEventTypes.CertificateExpired] = "certificate.expired",
        [WebhookEventTypes.ApplicationStateChanged] = "application.",
        [WebhookEventTypes.LaneDecided] = "declaration.lodged",
        [WebhookEventTypes.ExaminationResult] = "declaration.examination-ended",
        [WebhookEventTypes.PartnerStatusDiverged] = "partner.diverged",
        [WebhookEventTypes.StudyFinished] = "trs.study.finished",
    };

    /// <summary>The event an audit entry stands for, or null when it is none (an improvement action, a refused step).</summary>
    public static WebhookEvent? FromAudit(string action, string subject, string? reason, string? details)
    {
        var (kind, id) = Split(subject);
        var d = Parse(details);
        switch (action)
        {
            case "certificate.granted"
            or "certificate.suspended"
            or "certificate.reinstated"
            or "certificate.revoked"
            or "certificate.expired" when kind == "certificate":
                return new WebhookEvent(
                    action,
                    Object(
                        ("certificateNumber", id),
                        ("operatorTin", Text(d, "operatorTin") ?? Text(d, "tin")),
                        ("programme", Text(d, "programme")),
                        ("effectiveOn", Text(d, "effectiveOn") ?? Text(d, "validFrom")),
                        ("reason", action is "certificate.granted" ? null : reason)
                    )
                );
            case "declaration.lodged" when kind == "declaration" && Text(d, "lane") is { } lane:
                return new WebhookEvent(
                    WebhookEventTypes.LaneDecided,
                    Object(("declarationId", Text(d, "id")), ("reference", id), ("importerTin", Text(d, "importerTin")), ("lane", lane))
                );
            case "declaration.examination-ended" when kind == "declaration":
                return new WebhookEvent(
                    WebhookEventTypes.ExaminationResult,
                    Object(("declarationId", Text(d, "id")), ("reference", id), ("result", Text(d, "result")))
                );
            case "partner.diverged" when kind == "partner":
                return new WebhookEvent(WebhookEventTypes.PartnerStatusDiverged, Object(("economy", id), ("reason", reason)));
            case "trs.study.finished" when kind == "trs-study":
                return new WebhookEvent(WebhookEventTypes.StudyFinished, Object(("studyId", id), ("status", Text(d, "status"))));
        }

        // An application's step is a state change only when its state moved (a rejected request or an answer is not).
        if (
            action.StartsWith("application.", StringComparison.Ordinal)
            && kind == "application"
            && Text(d, "to") is { } to
            && Text(d, "from") is var from
            && from != to
        )
        {
            return new WebhookEvent(
                WebhookEventTypes.ApplicationStateChanged,
                Object(
                    ("reference", id),
                    ("operatorTin", Text(d, "operatorTin")),
                    ("from", from),
                    ("to", to),
                    ("step", action["application.".Length..])
                )
            );
        }

        return null;
    }

    private static (string Kind, string Id) Split(string subject)
    {
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (subject, "") : (subject[..colon], subject[(colon + 1)..]);
    }

    private static JsonObject? Parse(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(details) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? details, string name) =>
        details?[name] is JsonValue v
            ? v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.ToJsonString(),
                _ => null,
            }
            : null;

    /// <summary>The data object without absent fields: a receiver sees only what is known.</summary>
    private static JsonObject Object(params (string Name, string? Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (!string.IsNullOrEmpty(value))
            {
                o[name] = value;
            }
        }

        return o;
    }
}
