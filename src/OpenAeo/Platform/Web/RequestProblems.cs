using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpenAeo.Platform.Web;

/// <summary>
/// A request that cannot even be read — malformed JSON, a value of the wrong type or out of its type's range, no
/// body, a query value that is not a number — answered as a validation problem naming the field in the API's words
/// ("Employees is a whole number from 0 to 10,000,000."), never with the framework's message, which names .NET types
/// and parameters ("could not be converted to System.Int32", "Did you mean to use a Service instead?").
/// </summary>
internal sealed partial class RequestProblems : IExceptionHandler
{
    [GeneratedRegex(
        """parameter "(?:[^"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)" (?:from "(?<value>.*)"|was not provided from (?<source>.+?)\.)"""
    )]
    private static partial Regex ParameterMessage();

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]""")]
    private static partial Regex PathPart();

    /// <summary>What gives a .NET type away in a message.</summary>
    [GeneratedRegex(
        @"\b(System|Microsoft|OpenAeo)\.[A-Z]|`\d|Nullable<|\b(Int16|Int32|Int64|Decimal|Double|Single|Boolean|"
            + @"DateOnly|DateTimeOffset|DateTime|Guid|IReadOnlyList|IEnumerable)\b"
    )]
    private static partial Regex TypeName();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
        {
            return false;
        }

        // The exception handler clears the request's endpoint before it runs; the feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        IResult result = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(TooLarge(http), statusCode: 413, title: TooLargeTitle),
            StatusCodes.Status415UnsupportedMediaType => TypedResults.Problem(
                $"The body's content type{(http.Request.ContentType is { } type ? $" '{type}'" : "")} is not one "
                    + "this endpoint reads; send application/json unless the endpoint says otherwise.",
                statusCode: 415,
                title: "Unsupported media type."
            ),
            StatusCodes.Status400BadRequest => Problems.Invalid([Describe(bad, endpoint, options)]),
            _ => TypedResults.Problem(
                Clean(bad.Message) ?? "The request could not be read.",
                statusCode: bad.StatusCode,
                title: "The request could not be read."
            ),
        };
        await result.ExecuteAsync(http);
        return true;
    }

    public const string TooLargeTitle = "The request is too large.";

    /// <summary>Why a body was refused for its size, with the limit of the endpoint it was sent to.</summary>
    public static string TooLarge(HttpContext http) =>
        "The body is larger than this endpoint accepts"
        + (http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max ? $" ({Size(max)})." : ".");

    /// <summary>The field error a request that could not be read calls for.</summary>
    internal static DomainError Describe(BadHttpRequestException bad, Endpoint? endpoint, JsonSerializerOptions options)
    {
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (bad.InnerException is JsonException json)
        {
            var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType
                ?? method?.GetParameters().FirstOrDefault(p => !IsFramework(p.ParameterType))?.ParameterType;
            return FromJson(json, bodyType, options);
        }

        var match = ParameterMessage().Match(bad.Message);
        if (match.Success)
        {
            var name = match.Groups["name"].Value;
            var parameter = method?.GetParameters().FirstOrDefault(p => p.Name == name);
            if (
                match.Groups["source"].Success && match.Groups["source"].Value == "body"
                || bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            )
            {
                return new DomainError("request.body", "A JSON body is required.", "");
            }

            var label = RequestLimits.Label(name);
            if (match.Groups["source"].Success)
            {
                return new DomainError("request.required", $"{label} is required.", name);
            }

            var words = parameter is null ? "not valid here" : Describe(parameter.ParameterType, RequestLimits.Of(parameter));
            return new DomainError("request.type", $"{label} is {words}; '{Clip(match.Groups["value"].Value)}' is not.", name);
        }

        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return new DomainError("request.body", "A JSON body is required.", "");
        }

        if (bad.Message.StartsWith("Failed to read the request form", StringComparison.Ordinal))
        {
            return new DomainError(
                "request.form",
                $"The form could not be read{(Clean(bad.InnerException?.Message) is { } why ? $": {why}" : ".")}",
                ""
            );
        }

        return new DomainError("request.unreadable", Clean(bad.Message) ?? "The request could not be read.", "");
    }

    /// <summary>
    /// The field error for the first query or route value of the request's endpoint that does not parse as its
    /// parameter's type, as <see cref="Describe(BadHttpRequestException, Endpoint?, JsonSerializerOptions)"/> words a
    /// binding failure. The request delegate generator refuses an unparsable value of an optional parameter without the
    /// exception the runtime-built delegate throws; null when every value parses.
    /// </summary>
    internal static DomainError? UnparsedValue(HttpContext http)
    {
        foreach (var binding in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!binding.HasTryParse)
            {
                continue;
            }

            var values = http.GetRouteValue(binding.Name) is { } route
                ? new StringValues(Convert.ToString(route, CultureInfo.InvariantCulture))
                : http.Request.Query[binding.Name];
            var type = binding.ParameterInfo.ParameterType;
            var element = type.IsArray ? type.GetElementType()! : type;
            if (values.FirstOrDefault(v => !string.IsNullOrEmpty(v) && !Parses(element, v)) is { } bad)
            {
                var words = Describe(type, RequestLimits.Of(binding.ParameterInfo));
                return new DomainError(
                    "request.type",
                    $"{RequestLimits.Label(binding.Name)} is {words}; '{Clip(bad)}' is not.",
                    binding.Name
                );
            }
        }

        return null;
    }

    /// <summary>Whether the text reads as the type the way the generated binding reads it (invariant culture).</summary>
    private static bool Parses(Type type, string text)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
        {
            return Enum.TryParse(t, text, out _);
        }

        var withCulture = t.GetMethod(
            "TryParse",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(string), typeof(IFormatProvider), t.MakeByRefType()]
        );
        if (withCulture is not null)
        {
            return (bool)withCulture.Invoke(null, [text, CultureInfo.InvariantCulture, null])!;
        }

        var plain = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), t.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [text, null])!;
    }

    /// <summary>A JSON body that does not read as the type asked for, as an error on the field the reader stopped at.</summary>
    internal static DomainError FromJson(JsonException json, Type? root, JsonSerializerOptions options)
    {
        var (field, type, limit, label) = Resolve(json.Path, root, options);
        var conversion =
            json.Message.Contains("could not be converted", StringComparison.Ordinal)
            || json.Message.Contains("doesn't allow setting null", StringComparison.Ordinal);
        if (conversion && type is not null)
        {
            return new DomainError("request.type", $"{label} is {Describe(type, limit)}.", field);
        }

        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})" : "";
        var why = Clean(json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]);
        return new DomainError("request.json", $"The body is not valid JSON{where}{(why is null ? "." : $": {why}")}", field);
    }

    /// <summary>The property a JSON path ends at: its path for the errors, its type, its limit and its words.</summary>
    private static (string Field, Type? Type, FieldLimit? Limit, string Label) Resolve(
        string? path,
        Type? root,
        JsonSerializerOptions options
    )
    {
        var field = "";
        var type = root;
        FieldLimit? limit = null;
        var label = "The body";
        foreach (Match part in PathPart().Matches(path ?? ""))
        {
            if (part.Groups["index"].Success)
            {
                field += $"[{part.Groups["index"].Value}]";
                type = type is null ? null : RequestLimits.ElementType(type);
                continue;
            }

            var name = part.Groups["name"].Success
                ? part.Groups["name"].Value
                : part.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);
            field = field.Length == 0 ? name : $"{field}.{name}";
            label = RequestLimits.Label(name);
            var property = type is null ? null : Property(type, name, options);
            type = property?.PropertyType;
            limit = property is null ? null : RequestLimits.Of(property);
        }

        return (field, type, limit, label);
    }

    private static JsonPropertyInfo? Property(Type type, string name, JsonSerializerOptions options)
    {
        try
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            return info.Kind == JsonTypeInfoKind.Object
                ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What a value of this type is, in the API's words, with its limit when the field has one.</summary>
    internal static string Describe(Type type, FieldLimit? limit)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (limit is ListLimit { Each: not null })
        {
            return limit.Describe();
        }

        if (limit is not null and not ListLimit)
        {
            return RequestLimits.ElementType(t) is not null ? $"a list, each entry {limit.Describe()}" : limit.Describe();
        }

        if (t.IsEnum)
        {
            return $"one of {string.Join(", ", Enum.GetNames(t))}";
        }

        return t switch
        {
            _ when t == typeof(string) => "a text",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) =>
                $"a whole number from {Number(t, "MinValue")} to {Number(t, "MaxValue")}",
            _ when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "a number",
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(DateOnly) => $"{Limits.Day.Describe()}, written yyyy-mm-dd",
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) =>
                "a date and time with its offset from UTC, written yyyy-mm-ddThh:mm:ssZ or …+08:00",
            _ when t == typeof(TimeSpan) => "a duration, written hh:mm:ss",
            _ when t == typeof(Guid) => "an identifier of 32 hexadecimal digits, written xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            _ when RequestLimits.ElementType(t) is { } element => $"a list of {Plural(Describe(element, null))}",
            _ => "an object",
        };
    }

    private static string Plural(string words) =>
        words.StartsWith("a ", StringComparison.Ordinal) ? words[2..]
        : words.StartsWith("an ", StringComparison.Ordinal) ? words[3..]
        : words;

    private static string Number(Type t, string field) =>
        Convert.ToDecimal(t.GetField(field)!.GetValue(null), CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);

    private static bool IsFramework(Type type) =>
        type == typeof(HttpContext)
        || type == typeof(HttpRequest)
        || type == typeof(CancellationToken)
        || type == typeof(System.Security.Claims.ClaimsPrincipal);

    /// <summary>A framework message fit to show, or null when it gives a .NET type away.</summary>
    private static string? Clean(string? message) =>
        string.IsNullOrWhiteSpace(message) || TypeName().IsMatch(message) ? null : message.Trim();

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? $"{bytes / (1 << 20):N0} MB"
        : bytes >= 1 << 10 ? $"{bytes / (1 << 10):N0} KB"
        : $"{bytes:N0} bytes";
}
