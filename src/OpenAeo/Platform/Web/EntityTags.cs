using System.Globalization;
using Microsoft.OpenApi;

namespace OpenAeo.Platform.Web;

/// <summary>
/// Optimistic concurrency for records people edit at the same time (programmes, operators, MRAs, risk rules and the
/// selectivity profile): a read answers with
/// the record's version as its <c>ETag</c>; a write that sends it back in <c>If-Match</c> is refused with 412 when the
/// record has changed since, both when it is loaded and, because the UPDATE is conditional on the version it loaded,
/// when it is saved (ADR 0036). A write without <c>If-Match</c> is taken as before: last writer wins, but never silently
/// over a change that happened between its own read and write.
/// </summary>
internal static class EntityTags
{
    /// <summary>The version of a row that carries one (<see cref="ConcurrencyVersion"/>), as its tag: <c>"7"</c>.</summary>
    public static string Of(OpenAeoDb db, object tracked) => Of((long)db.Entry(tracked).Property(OpenAeoDb.VersionColumn).CurrentValue!);

    private static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the response's <c>ETag</c> to the row's version (after a save, the new one).</summary>
    public static void Tag(HttpContext http, OpenAeoDb db, object tracked) => http.Response.Headers.ETag = Of(db, tracked);

    /// <summary>Sets the response's <c>ETag</c> to a version read without tracking the row.</summary>
    public static void Tag(HttpContext http, long version) => http.Response.Headers.ETag = Of(version);

    /// <summary>
    /// Null when the request sent no <c>If-Match</c>, <c>*</c>, or the tag of the row as just loaded; else the 412 to
    /// answer. <paramref name="what"/> names the record for people ("Programme TW").
    /// </summary>
    public static ProblemHttpResult? Stale(HttpContext http, OpenAeoDb db, object tracked, string what) =>
        Stale(http, Of(db, tracked), what);

    /// <summary>
    /// As <see cref="Stale(HttpContext,OpenAeoDb,object,string)"/> for records versioned by number rather than by a
    /// concurrency column (risk rules, the selectivity profile): <paramref name="version"/> is the latest version.
    /// </summary>
    public static ProblemHttpResult? Stale(HttpContext http, long version, string what) => Stale(http, Of(version), what);

    private static ProblemHttpResult? Stale(HttpContext http, string current, string what)
    {
        var sent = http.Request.Headers.IfMatch;
        if (sent.Count == 0)
        {
            return null;
        }

        var tags = sent.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        return tags.Contains("*") || tags.Contains(current)
            ? null
            : Problems.PreconditionFailed(
                $"{what} has changed since you read it (it is now at {current}; you sent If-Match: "
                    + $"{string.Join(", ", tags)}). Read it again and reapply your change; nothing was changed."
            );
    }

    /// <summary>Documents the tag: <c>If-Match</c> and 412 on a write, the <c>ETag</c> header on a read.</summary>
    public static RouteHandlerBuilder WithEntityTag(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(
            (operation, context, _) =>
            {
                var etag = new OpenApiHeader
                {
                    Description = "The record's version; send it back in If-Match to change the record only if no one else did meanwhile.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                if (HttpMethods.IsGet(context.Description.HttpMethod ?? "GET"))
                {
                    if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                    {
                        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        response.Headers["ETag"] = etag;
                    }

                    return Task.CompletedTask;
                }

                operation.Parameters ??= [];
                operation.Parameters.Add(
                    new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Description =
                            "The ETag of the record as you read it: the change is made only if the record is still "
                            + "at that version (else 412).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                    }
                );
                operation.Responses ??= [];
                operation.Responses["412"] = new OpenApiResponse
                {
                    Description = "The record changed since the ETag sent in If-Match; nothing was changed.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                    },
                };
                return Task.CompletedTask;
            }
        );
}
