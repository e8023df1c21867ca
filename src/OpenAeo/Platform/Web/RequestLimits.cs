using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpenAeo.Platform.Web;

/// <summary>
/// Holds every request to the limits of its fields (<see cref="Limits"/>) before the handler runs: the body, walked
/// property by property with the names the JSON has, and every query and route value. What breaks a limit is a
/// validation problem naming the field (<c>items[2].description</c>); nothing reaches a handler, the domain or the
/// database with a NUL, a direction override, a megabyte name, a null in a list or a year 9999.
/// </summary>
internal static class RequestLimits
{
    private static readonly ConcurrentDictionary<(Type, JsonSerializerOptions), IReadOnlyList<Field>> Fields = new();

    /// <summary>A property as the JSON names it, with its limit and its words for messages.</summary>
    private sealed record Field(JsonPropertyInfo Info, FieldLimit? Limit, string Label, bool Nullable);

    /// <summary>The limit a property names with <see cref="LimitAttribute"/> (on it, or on its record's constructor parameter).</summary>
    public static FieldLimit? Of(JsonPropertyInfo property) =>
        Attribute(property.AttributeProvider) ?? Attribute(property.AssociatedParameter?.AttributeProvider);

    /// <summary>The limit a handler's parameter names, or the one its type implies.</summary>
    public static FieldLimit? Of(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<LimitAttribute>()?.Limit ?? Limits.ForType(parameter.ParameterType);

    private static FieldLimit? Attribute(ICustomAttributeProvider? provider) =>
        provider?.GetCustomAttributes(typeof(LimitAttribute), inherit: false).OfType<LimitAttribute>().FirstOrDefault()?.Limit;

    /// <summary>Adds the check to every route handler mapped under these endpoints.</summary>
    public static TBuilder WithRequestLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilterFactory(Create);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = context
            .MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i, Body: IsBody(p, services)))
            .Where(p => p.Body || IsSimple(p.Parameter.ParameterType))
            .ToList();
        if (checks.Count == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var options = invocation.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var errors = new List<DomainError>();
            foreach (var (parameter, index, body) in checks)
            {
                var value = index < invocation.Arguments.Count ? invocation.Arguments[index] : null;
                if (body)
                {
                    Check(value, parameter.ParameterType, "", Label(parameter.Name ?? "body"), null, nullable: true, options, errors);
                }
                else if (Of(parameter) is { } limit && value is not null)
                {
                    Add(errors, limit.Check(value, parameter.Name ?? "", Label(parameter.Name ?? "")));
                }
                else if (value is string text && new TextLimit(int.MaxValue).Forbidden(text) is { } bad)
                {
                    errors.Add(
                        new DomainError("limit.characters", $"{Label(parameter.Name ?? "")} may not contain {bad}.", parameter.Name)
                    );
                }
            }

            return errors.Count > 0 ? Problems.Invalid(errors) : await next(invocation);
        };
    }

    /// <summary>Writes a field's limit into its schema in the OpenAPI document: <c>maxLength</c>, <c>minimum</c>, <c>maximum</c>,
    /// <c>maxItems</c>.</summary>
    public static Task Document(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var (limit, type) =
            context.JsonPropertyInfo is { } property ? (Of(property) ?? Limits.ForType(property.PropertyType), property.PropertyType)
            : context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: var parameter }
                ? (Of(parameter), parameter.ParameterType)
            : (null, typeof(object));
        if (limit is null)
        {
            return Task.CompletedTask;
        }

        var isList = ElementType(Nullable.GetUnderlyingType(type) ?? type) is not null;
        if (isList)
        {
            schema.MaxItems = (limit as ListLimit ?? Limits.Entries).MaxItems;
        }

        var target = isList ? schema.Items as OpenApiSchema : schema;
        switch (limit is ListLimit { Each: { } each } ? each : limit)
        {
            case TextLimit text when target is not null:
                target.MaxLength = text.MaxLength;
                break;
            case NumberLimit number when target is not null:
                target.Minimum = number.Minimum.ToString(CultureInfo.InvariantCulture);
                target.Maximum = number.Maximum.ToString(CultureInfo.InvariantCulture);
                break;
            case DateLimit date when target is not null:
                target.Description =
                    $"{target.Description}{(string.IsNullOrEmpty(target.Description) ? "" : " ")}From "
                    + $"{date.Earliest:yyyy-MM-dd} to {date.Latest:yyyy-MM-dd}.";
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A request record's limit errors, keyed by its JSON field names, for callers that build requests without HTTP
    /// (pages, file imports): the same limits the API holds a request to before its handler.
    /// </summary>
    public static List<DomainError> Errors<T>(T request)
    {
        var errors = new List<DomainError>();
        Check(request, typeof(T), "", Words.FromPascalCase(typeof(T).Name), null, nullable: true, JsonSerializerOptions.Web, errors);
        return errors;
    }

    /// <summary>
    /// The work, unless the request breaks its fields' limits: the use cases pages and the API share start here, so
    /// a form posted from a page is held to the limits as the API's request is.
    /// </summary>
    public static Task<Result<T>> Within<TRequest, T>(TRequest request, Func<Task<Result<T>>> work) =>
        Errors(request) is { Count: > 0 } refused ? Task.FromResult(Result<T>.Fail(refused)) : work();

    /// <summary>As the other <c>Within</c>, then refused with <paramref name="refusal"/> when there is one (the actor may not).</summary>
    public static Task<Result<T>> Within<TRequest, T>(TRequest request, DomainError? refusal, Func<Task<Result<T>>> work) =>
        Within(request, () => refusal is null ? work() : Task.FromResult(Result<T>.Fail(refusal)));

    /// <summary>Checks a value and everything in it; errors are keyed by the JSON path (<c>parties[1].tin</c>).</summary>
    public static void Check(
        object? value,
        Type declared,
        string path,
        string label,
        FieldLimit? limit,
        bool nullable,
        JsonSerializerOptions options,
        List<DomainError> errors
    )
    {
        if (errors.Count >= 50)
        {
            return;
        }

        if (value is null)
        {
            if (!nullable)
            {
                errors.Add(new DomainError("limit.required", $"{label} is required.", path));
            }

            return;
        }

        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (value is string or IConvertible || IsSimple(type))
        {
            Add(errors, (limit ?? Limits.ForType(type) ?? new TextLimit(int.MaxValue, TextKind.Prose)).Check(value, path, label));
            return;
        }

        if (value is IEnumerable entries && ElementType(type) is { } element)
        {
            // A list's own limit is its size (and what each entry holds); a text or number limit on a list holds for each entry.
            var size = limit as ListLimit ?? Limits.Entries;
            var each = limit is ListLimit list ? list.Each : limit;
            if (size.Check(value, path, label) is { } tooMany)
            {
                errors.Add(tooMany);
                return;
            }

            var i = 0;
            foreach (var item in entries)
            {
                var at = $"{path}[{i++}]";
                if (item is null)
                {
                    errors.Add(new DomainError("limit.null", $"{label} may not have an empty (null) entry.", at));
                    continue;
                }

                Check(item, element, at, label, each, nullable: false, options, errors);
            }

            return;
        }

        foreach (var field in FieldsOf(type, options))
        {
            if (field.Info.Get is not { } get)
            {
                continue;
            }

            var name = path.Length == 0 ? field.Info.Name : $"{path}.{field.Info.Name}";
            Check(get(value), field.Info.PropertyType, name, field.Label, field.Limit, field.Nullable, options, errors);
        }
    }

    private static IReadOnlyList<Field> FieldsOf(Type type, JsonSerializerOptions options) => Fields.GetOrAdd((type, options), key =>
        {
            var info = key.Item2.GetTypeInfo(key.Item1);
            return info.Kind != JsonTypeInfoKind.Object
                ? []
                :
                [
                    .. info.Properties.Select(p => new Field(
                        p,
                        Of(p),
                        Label(p.Name),
                        p.IsSetNullable || Nullable.GetUnderlyingType(p.PropertyType) is not null || p.PropertyType.IsValueType
                    )),
                ];
        });

    /// <summary>A parameter bound from the JSON body: a type of our own that is neither a service nor part of the request's
    /// plumbing.</summary>
    internal static bool IsBody(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return !IsSimple(type)
            && type.Namespace?.StartsWith("OpenAeo", StringComparison.Ordinal) == true
            && services?.IsService(type) != true
            && type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is null
            && parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromServicesAttribute>() is null;
    }

    private static void Add(List<DomainError> errors, DomainError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive
            || t.IsEnum
            || t == typeof(string)
            || t == typeof(decimal)
            || t == typeof(DateOnly)
            || t == typeof(DateTime)
            || t == typeof(DateTimeOffset)
            || t == typeof(TimeOnly)
            || t == typeof(TimeSpan)
            || t == typeof(Guid);
    }

    /// <summary>What a list holds; null for a text (a string is not a list of characters here) or anything else.</summary>
    internal static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces()
            .Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    /// <summary>A field's name as words for a message: <c>legalName</c> is "Legal name".</summary>
    internal static string Label(string name) =>
        Words.FromPascalCase(name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..]);
}
