using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpenAeo.Platform.Web;

/// <summary>
/// The first answer to a write a client marked with an <c>Idempotency-Key</c>, kept for a day so that a retry over an
/// unreliable network gets that answer again instead of a second declaration or a second step (ADR 0036).
/// </summary>
internal sealed class IdempotentAnswer
{
    /// <summary>The account that sent the write: keys are the client's own, so two clients never collide.</summary>
    public string Owner { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, the path and the body as bound: the same key with another request is refused.</summary>
    public string Fingerprint { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[] Body { get; set; } = [];
}

internal sealed class IdempotentAnswerMapping : IEntityTypeConfiguration<IdempotentAnswer>
{
    public void Configure(EntityTypeBuilder<IdempotentAnswer> b)
    {
        b.ToTable("platform_idempotent_answers");
        b.HasKey(a => new { a.Owner, a.Key });
        b.Property(a => a.Owner).HasMaxLength(64);
        b.Property(a => a.Key).HasMaxLength(Idempotency.MaxKeyLength);
        b.Property(a => a.Fingerprint).HasMaxLength(64);
        b.Property(a => a.ContentType).HasMaxLength(200);
        b.Property(a => a.Location).HasMaxLength(500);
        b.HasIndex(a => a.CreatedAt);
    }
}

/// <summary>
/// Makes a write endpoint idempotent under the client's <c>Idempotency-Key</c> header (the IETF
/// draft-ietf-httpapi-idempotency-key-header). The key's row is inserted in the same transaction as everything the
/// handler writes, and its answer is stored before that transaction commits: a crash leaves either both or neither, and
/// of two racing requests with one key the second waits on the row's primary key, then replays the first's answer.
/// Only successful answers are kept; a refused request writes nothing, so the client may correct it and retry with the
/// same key.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer that is a replay of the first one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>How long an answer is kept; a key reused after that starts a new request.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Adds the header to this endpoint. Only for handlers that do not open a transaction of their own (or, like the
    /// application steps, join the caller's): the key's row and the handler's writes must share one.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilterFactory(Create)
            .AddOpenApiOperationTransformer(
                (operation, _, _) =>
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(
                        new OpenApiParameter
                        {
                            Name = Header,
                            In = ParameterLocation.Header,
                            Required = false,
                            Description =
                                "A key the client chooses (1–255 printable ASCII characters) to make a retry safe: the same key "
                                + "with the same request within 24 hours returns the first answer (with `Idempotent-Replayed: true`) "
                                + "instead of acting again; the same key with another request is a 409.",
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                MinLength = 1,
                                MaxLength = MaxKeyLength,
                            },
                        }
                    );
                    return Task.CompletedTask;
                }
            );

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var bodies = context
            .MethodInfo.GetParameters()
            .Select((p, i) => (p, i))
            .Where(x => RequestLimits.IsBody(x.p, services))
            .Select(x => x.i)
            .ToArray();
        return invocation => Run(invocation, next, bodies);
    }

    private static async ValueTask<object?> Run(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, int[] bodies)
    {
        var http = invocation.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(invocation);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (KeyError(key) is { } error)
        {
            return Problems.Invalid([error]);
        }

        var owner = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var fingerprint = Fingerprint(http, invocation.Arguments, bodies);
        var db = http.RequestServices.GetRequiredService<OpenAeoDb>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var ct = http.RequestAborted;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().ToUniversalTime();
            var kept = await db.Set<IdempotentAnswer>().AsNoTracking().SingleOrDefaultAsync(a => a.Owner == owner && a.Key == key, ct);
            if (kept is not null && kept.CreatedAt > now - Lifetime)
            {
                return kept.Fingerprint == fingerprint
                    ? new Replay(kept)
                    : Problems.Conflict(
                        $"The Idempotency-Key '{key}' was used within the last 24 hours for another request; use a "
                            + "new key for a new request.",
                        "idempotency.key-reused"
                    );
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Keys past their day are forgotten as the owner writes again, so the table holds about a day of writes.
            await db.Set<IdempotentAnswer>().Where(a => a.Owner == owner && a.CreatedAt <= now - Lifetime).ExecuteDeleteAsync(ct);
            var answer = new IdempotentAnswer
            {
                Owner = owner,
                Key = key!,
                Fingerprint = fingerprint,
                CreatedAt = now,
            };
            db.Add(answer);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 20)
            {
                // A request with the same key committed while this one waited for the row: replay its answer.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            db.Entry(answer).State = EntityState.Detached;
            IdempotentAnswer captured;
            try
            {
                captured = await Capture(http, await next(invocation));
                if (captured.StatusCode is >= 200 and < 300)
                {
                    await db.Set<IdempotentAnswer>()
                        .Where(a => a.Owner == owner && a.Key == key)
                        .ExecuteUpdateAsync(
                            s =>
                                s.SetProperty(a => a.StatusCode, captured.StatusCode)
                                    .SetProperty(a => a.ContentType, captured.ContentType)
                                    .SetProperty(a => a.Location, captured.Location)
                                    .SetProperty(a => a.Body, captured.Body),
                            ct
                        );
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }
            }
            catch (Exception e) when (DatabaseConflicts.Classify(e) is RaceLoss.Changed or RaceLoss.Duplicate && attempt < 20)
            {
                // The handler lost a race inside this transaction (it would have retried in a transaction of its own,
                // ADR 0019): start again on fresh data, key and all.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            return new Replay(captured, replayed: false);
        }
    }

    /// <summary>A key is one visible ASCII string of 1–255 characters, sent once.</summary>
    public static DomainError? KeyError(string? key) =>
        key is null ? new("idempotency.key", "Send the Idempotency-Key header once, with one value.", Header)
        : key.Length is 0 or > MaxKeyLength
            ? new("idempotency.key", $"The Idempotency-Key must have 1 to {MaxKeyLength} characters.", Header)
        : key.Any(c => c is < '!' or > '~')
            ? new("idempotency.key", "The Idempotency-Key may contain only visible ASCII characters (no spaces).", Header)
        : null;

    /// <summary>The request as the handler sees it: method, path and bound body, the body in the API's JSON form.</summary>
    private static string Fingerprint(HttpContext http, IList<object?> arguments, int[] bodies)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var text = new StringBuilder().Append(http.Request.Method).Append(' ').Append(http.Request.Path.Value).Append('\n');
        foreach (var index in bodies)
        {
            var body = index < arguments.Count ? arguments[index] : null;
            text.Append(body is null ? "null" : JsonSerializer.Serialize(body, body.GetType(), options)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Runs the handler's result into memory, so it can be stored before the transaction commits.</summary>
    private static async Task<IdempotentAnswer> Capture(HttpContext http, object? result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var answered = await UseCaseAnswer.AnswerAsync(result, http);
            await (answered as IResult ?? Results.Json(answered)).ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return new IdempotentAnswer
        {
            StatusCode = http.Response.StatusCode,
            ContentType = http.Response.ContentType,
            Location = http.Response.Headers.Location.FirstOrDefault(),
            Body = buffer.ToArray(),
        };
    }

    /// <summary>Writes a kept (or just captured) answer as it was.</summary>
    private sealed class Replay(IdempotentAnswer answer, bool replayed = true) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = answer.StatusCode;
            http.Response.ContentType = answer.ContentType;
            if (answer.Location is { } location)
            {
                http.Response.Headers.Location = location;
            }

            if (replayed)
            {
                http.Response.Headers[ReplayedHeader] = "true";
            }

            http.Response.ContentLength = answer.Body.Length;
            await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
        }
    }
}
