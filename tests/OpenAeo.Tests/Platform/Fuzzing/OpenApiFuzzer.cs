using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpenAeo.Tests.Platform.Fuzzing;

/// <summary>One request the fuzzer sent and what came back.</summary>
internal sealed record FuzzCall(
    string Caller,
    string Method,
    string Path,
    string? ContentType,
    string Body,
    int Status,
    string Response,
    string? ServerError
)
{
    public override string ToString() =>
        $"{Method} {Path} as {Caller} [{ContentType}] {Clip(Body, 300)}{Environment.NewLine}    → {Status} {Clip(Response, 400)}"
        + (ServerError is null ? "" : $"{Environment.NewLine}    server: {Clip(ServerError, 400)}");

    internal static string Clip(string text, int length)
    {
        var oneLine = text.Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\0", "\\0", StringComparison.Ordinal);
        return oneLine.Length <= length ? oneLine : $"{oneLine[..length]}… ({text.Length:N0} chars)";
    }
}

/// <summary>Who sends a request: the fuzzer picks one per request (a partner for the exchange, else an admin or a trader).</summary>
internal sealed record FuzzCaller(string Name, HttpClient Client);

/// <summary>
/// A seeded, bounded fuzzer over an OpenAPI 3.1 document. For every operation it sends requests built from the
/// schema: plausible values (drawn from what the API itself returned for properties of the same name) with a few
/// fields replaced by hostile ones — nulls, wrong types, NUL and right-to-left override characters, huge strings and
/// numbers, year 1 and 9999, negative numbers, nulls inside arrays — and whole bodies that are empty, malformed or
/// not JSON. Requests go one at a time, in an order fixed by the seed, so a run can be repeated.
/// </summary>
internal sealed partial class OpenApiFuzzer
{
    /// <summary>How a .NET type shows through an error message: namespaces, generic arity, BCL type names, framework hints.</summary>
    [GeneratedRegex(
        @"\b(System|Microsoft|OpenAeo)\.[A-Z]|`\d|Nullable<|\b(Int16|Int32|Int64|UInt\d\d|Decimal|Double|Single|"
            + @"Boolean|DateOnly|DateTimeOffset|DateTime|TimeOnly|TimeSpan|Guid|IReadOnlyList|IEnumerable|IFormFile|"
            + @"StringValues)\b|Implicit body inferred|Did you mean to use a Service"
    )]
    private static partial Regex DotNetTypeName();

    [GeneratedRegex(@"(?:one of|\bis) ((?:[A-Z][A-Za-z]*, )+[A-Z][A-Za-z]*(?:,? or [A-Z][A-Za-z]*)?)")]
    private static partial Regex AllowedList();

    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private readonly JsonElement document;
    private readonly Random random;
    private readonly Dictionary<string, List<string>> seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values the API named as allowed in its own validation messages ("use one of Import, Export"), by field.</summary>
    private readonly Dictionary<string, List<string>> allowed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Scalars by family, then property name: a "type" among declarations is not a "type" among agencies.</summary>
    private readonly Dictionary<string, Dictionary<string, List<string>>> seenInFamily = new(StringComparer.Ordinal);

    private string family = "";

    /// <summary>Members of a collection by the path template that lists them: their id, code, TIN or economy.</summary>
    private readonly Dictionary<string, List<JsonObject>> members = new(StringComparer.Ordinal);

    /// <summary>Objects the API returned, by family (the path up to its first parameter), to base plausible bodies on.</summary>
    private readonly Dictionary<string, List<JsonObject>> samples = new(StringComparer.Ordinal);

    public OpenApiFuzzer(JsonElement document, int seed)
    {
        this.document = document;
        random = new Random(seed);
    }

    public sealed record Operation(string Method, string Path, JsonElement Definition);

    public IReadOnlyList<Operation> Operations() =>
        [
            .. document
                .GetProperty("paths")
                .EnumerateObject()
                .SelectMany(p =>
                    p.Value.EnumerateObject()
                        .Where(m => Methods.Contains(m.Name))
                        .Select(m => new Operation(m.Name.ToUpperInvariant(), p.Name, m.Value))
                )
                .OrderBy(o => o.Path, StringComparer.Ordinal)
                .ThenBy(o => o.Method, StringComparer.Ordinal),
        ];

    /// <summary>A response body that names a .NET type, or null.</summary>
    public static string? LeakedTypeName(string body) => DotNetTypeName().Match(body) is { Success: true } m ? m.Value : null;

    /// <summary>
    /// Remembers what the API returned for a GET on <paramref name="template"/>: every scalar by property name, the
    /// members of the collections it lists (to fill path parameters), and its objects (to base request bodies on).
    /// </summary>
    public void Learn(string template, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON (a CSV export, an HTML report): nothing to learn.
            return;
        }

        var list = root as JsonArray ?? (root as JsonObject)?["items"] as JsonArray;
        if (list is not null)
        {
            Remember(members, template, list.OfType<JsonObject>());
        }

        if (root is JsonObject single)
        {
            foreach (var (name, value) in single)
            {
                if (value is JsonArray nested && name != "items")
                {
                    Remember(members, $"{template}/{name}", nested.OfType<JsonObject>());
                }
            }
        }

        Learn(root, null, Family(template));
    }

    /// <summary>Learns the allowed values a validation problem lists for its fields.</summary>
    public void LearnFromProblem(string json)
    {
        try
        {
            if (JsonNode.Parse(json)?["errors"] is not JsonObject errors)
            {
                return;
            }

            foreach (var (field, messages) in errors)
            {
                var name = Regex.Replace(field.Split('.')[^1], @"\[\d*\]", "");
                foreach (var message in (messages as JsonArray ?? []).Select(m => m?.ToString() ?? ""))
                {
                    foreach (Match m in AllowedList().Matches(message))
                    {
                        var values = allowed.TryGetValue(name, out var known) ? known : allowed[name] = [];
                        values.AddRange(
                            m.Groups[1]
                                .Value.Replace(" or ", ", ", StringComparison.Ordinal)
                                .Split(", ")
                                .Select(v => v.Trim(',', ' '))
                                .Where(v => v.Length > 0 && !values.Contains(v))
                        );
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document.
        }
    }

    private static void Remember(Dictionary<string, List<JsonObject>> store, string key, IEnumerable<JsonObject> objects)
    {
        var kept = store.TryGetValue(key, out var existing) ? existing : store[key] = [];
        foreach (var o in objects)
        {
            if (kept.Count < 40 && o.Count > 0)
            {
                kept.Add(o);
            }
        }
    }

    private void Learn(JsonNode? node, string? name, string family)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.Count >= 2)
                {
                    Remember(samples, family, [o]);
                }

                foreach (var (property, value) in o)
                {
                    Learn(value, property, family);
                }

                break;
            case JsonArray a:
                foreach (var item in a.Take(50))
                {
                    Learn(item, name, family);
                }

                break;
            case JsonValue v when name is not null:
                var text = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
                if (text.Length is > 0 and <= 80)
                {
                    var scoped = seenInFamily.TryGetValue(family, out var f)
                        ? f
                        : seenInFamily[family] = new(StringComparer.OrdinalIgnoreCase);
                    foreach (var pool in new[] { seen, scoped })
                    {
                        var values = pool.TryGetValue(name, out var known) ? known : pool[name] = [];
                        if (values.Count < 40 && !values.Contains(text))
                        {
                            values.Add(text);
                        }
                    }
                }

                break;
        }
    }

    /// <summary>The path up to its first parameter: operations in one family share their vocabulary.</summary>
    private static string Family(string template)
    {
        var brace = template.IndexOf('{', StringComparison.Ordinal);
        return (brace < 0 ? template : template[..brace]).TrimEnd('/');
    }

    /// <summary>A request for the operation with every parameter plausible, for learning before fuzzing.</summary>
    public HttpRequestMessage Plausible(Operation operation) => new(new HttpMethod(operation.Method), FillPath(operation, hostile: false));

    /// <summary>A request for the operation; most parameters plausible, some hostile, the body often broken.</summary>
    public (HttpRequestMessage Request, string Body) Next(Operation operation)
    {
        family = Family(operation.Path);
        var path = FillPath(operation, hostile: true);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        var body = "";
        if (
            operation.Definition.TryGetProperty("requestBody", out var requestBody)
            && requestBody.TryGetProperty("content", out var content)
        )
        {
            var types = content.EnumerateObject().ToList();
            var chosen = types[random.Next(types.Count)];
            var schema = chosen.Value.TryGetProperty("schema", out var s) ? s : default;
            (request.Content, body) = chosen.Name switch
            {
                "multipart/form-data" => Multipart(schema),
                "text/csv" => Csv(operation.Path),
                _ => Json(schema, chosen.Name, Family(operation.Path)),
            };
        }
        else if (operation.Method is "POST" or "PUT" && random.Next(4) == 0)
        {
            // An operation that documents no body still gets one now and then.
            (request.Content, body) = Json(default, "application/json", Family(operation.Path));
        }

        return (request, body);
    }

    private string FillPath(Operation operation, bool hostile)
    {
        var path = operation.Path;
        var query = new List<string>();
        if (!operation.Definition.TryGetProperty("parameters", out var parameters))
        {
            return path;
        }

        foreach (var p in parameters.EnumerateArray())
        {
            var name = p.GetProperty("name").GetString()!;
            var schema = p.TryGetProperty("schema", out var s) ? Resolve(s) : default;
            var where = p.GetProperty("in").GetString();
            if (where == "path")
            {
                var prefix = operation.Path[..operation.Path.IndexOf("/{" + name + "}", StringComparison.Ordinal)];
                var value =
                    hostile && random.Next(5) == 0 ? HostileScalar(schema) : Member(prefix, name) ?? PlausibleParameter(name, schema);

                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (where == "query" && hostile && random.Next(2) == 0)
            {
                // Learning sends no query, so that lists come back unfiltered.
                var value =
                    random.Next(3) == 0 ? HostileScalar(schema)
                    : random.Next(4) == 0 && Boundary(schema, Kind(schema), name) is JsonValue edge ? edge.ToString()
                    : PlausibleParameter(name, schema);
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>The id, code, TIN or economy of a member the API listed under this path, if it listed any.</summary>
    private string? Member(string prefix, string name)
    {
        if (!members.TryGetValue(prefix, out var listed) || listed.Count == 0 || random.Next(10) == 0)
        {
            return null;
        }

        var member = listed[random.Next(listed.Count)];
        string[] keys = [name, name.EndsWith("Id", StringComparison.Ordinal) ? "id" : name, "id", "code", "tin", "economy"];
        return keys.Select(k => member[k])
            .OfType<JsonValue>()
            .Select(v => v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())
            .FirstOrDefault();
    }

    private string PlausibleParameter(string name, JsonElement schema)
    {
        var kind = Kind(schema);
        var candidates = Seen(name)
            .Concat(name.EndsWith("Id", StringComparison.Ordinal) || name == "id" ? Seen("id") : [])
            .Distinct()
            .ToList();
        if (kind is "integer")
        {
            var ints = candidates.Where(c => int.TryParse(c, CultureInfo.InvariantCulture, out _)).ToList();
            return ints.Count > 0 ? PickFrom(ints) : random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
        }

        if (kind is "boolean")
        {
            return random.Next(2) == 0 ? "true" : "false";
        }

        if (Format(schema) is "date" || name is "at" or "from" or "to")
        {
            return PlausibleDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var guids = candidates.Where(c => Guid.TryParse(c, out _)).ToList();
        if (name.EndsWith("Id", StringComparison.Ordinal) || name == "id")
        {
            if (guids.Count > 0)
            {
                return PickFrom(guids);
            }
        }

        var strings = candidates.Where(c => !Guid.TryParse(c, out _)).ToList();
        return strings.Count > 0 ? PickFrom(strings) : PlausibleText(name);
    }

    private (HttpContent, string) Json(JsonElement schema, string mediaType, string family)
    {
        var roll = random.Next(100);
        string text;
        if (roll < 10 || schema.ValueKind == JsonValueKind.Undefined)
        {
            text = HostileBody(schema);
        }
        else
        {
            var slots = new List<Slot>();
            var node = Plausible(schema, "", 0, slots, random.Next(5) < 3 ? Basis(schema, family) : null);
            if (roll >= 30 && slots.Count > 0)
            {
                for (var i = random.Next(1, 3); i > 0; i--)
                {
                    var slot = slots[random.Next(slots.Count)];
                    slot.Set(Hostile(slot.Schema, slot.Name));
                }
            }
            else if (node is null && roll >= 30)
            {
                node = Hostile(schema, "");
            }

            text = node?.ToJsonString() ?? "null";
        }

        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(40) == 0 ? "text/plain" : mediaType) { CharSet = "utf-8" };
        return (content, text);
    }

    private string HostileBody(JsonElement schema)
    {
        var valid = schema.ValueKind == JsonValueKind.Undefined ? "{}" : Plausible(schema, "", 0, [])?.ToJsonString() ?? "{}";
        return random.Next(13) switch
        {
            0 => "",
            1 => "null",
            2 => "[]",
            3 => valid.Length > 2 ? valid[..random.Next(1, valid.Length - 1)] : "{",
            4 => "\"a string\"",
            5 => "42",
            6 => "{}",
            7 => new string('[', 5000) + new string(']', 5000),
            8 => valid + ",",
            9 => "tin=TW1&legalName=x",
            10 => "\uFEFF" + valid,
            11 => valid.Replace(":", ":: ", StringComparison.Ordinal),
            _ => "{\"" + new string('a', 300) + "\":" + JsonSerializer.Serialize(new string('x', 2_000_000)) + "}",
        };
    }

    private (HttpContent, string) Multipart(JsonElement schema)
    {
        var form = new MultipartFormDataContent();
        var description = new StringBuilder("multipart:");
        foreach (var (name, property) in Properties(schema))
        {
            if (random.Next(6) == 0)
            {
                continue;
            }

            var resolved = Resolve(property);
            if (Format(resolved) == "binary")
            {
                var (bytes, label) = FileBytes();
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue(random.Next(2) == 0 ? "text/csv" : "application/octet-stream");
                form.Add(file, name, random.Next(8) == 0 ? new string('n', 300) + ".csv" : "events.csv");
                description.Append(CultureInfo.InvariantCulture, $" {name}=<{label}>");
            }
            else
            {
                var node = random.Next(4) == 0 ? Hostile(resolved, name) : Plausible(resolved, name, 0, []);
                var value = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
                form.Add(new StringContent(value), name);
                description.Append(CultureInfo.InvariantCulture, $" {name}={FuzzCall.Clip(value, 80)}");
            }
        }

        return (form, description.ToString());
    }

    private (byte[] Bytes, string Label) FileBytes() =>
        random.Next(8) switch
        {
            0 => ([], "empty"),
            1 => ("declaration_id,lodged_at,released_at\n"u8.ToArray(), "header only"),
            2 => (
                Encoding.UTF8.GetBytes("declaration_id,lodged_at,released_at\nD1,\"2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"),
                "unterminated quote"
            ),
            3 => ([0xFF, 0xFE, 0x00, 0x41, 0xC3, 0x28, 0x0A], "not UTF-8"),
            4 => (Encoding.UTF8.GetBytes("a,b\n" + new string('x', 1_100_000) + ",1\n"), "1 MB field"),
            5 => (RandomBytes(4096), "random bytes"),
            _ => (
                Encoding.UTF8.GetBytes(
                    "declaration_id,reporter,origin,mode,channel,aeo,sme,importer_tin,office,office_tz,arrival_at,"
                        + "lodged_at,released_at,delivered_at\n"
                        + "D1,TW,JP,sea,green,true,true,TW00000001,TWKEL,Asia/Taipei,2026-03-01T09:00:00Z,"
                        + "2026-03-01T10:00:00Z,2026-03-01T12:00:00Z,\n"
                ),
                "events"
            ),
        };

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private (HttpContent, string) Csv(string path)
    {
        var header = path.Contains("declarations", StringComparison.Ordinal)
            ? "declaration_id,type,mode,origin,destination,office,office_tz,hs_codes,item_values,lodged_at"
            : "tin,legal_name,economy,roles,employees,turnover,sector,consent";
        var row = path.Contains("declarations", StringComparison.Ordinal)
            ? "FZ-1,Import,Sea,JP,TW,TWKEL,Asia/Taipei,8471,1200,2026-03-02T09:00:00"
            : "TW77,Fuzz Trading,TW,Importer,10,1000,Tools,true";
        byte[] bytes;
        string label;
        switch (random.Next(12))
        {
            case 0:
                (bytes, label) = ([], "empty");
                break;
            case 1:
                (bytes, label) = (Encoding.UTF8.GetBytes(header + "\n"), "header only");
                break;
            case 2:
                (bytes, label) = (
                    Encoding.UTF8.GetBytes($"{header}\n{row[..(row.Length / 2)]}\"{row[(row.Length / 2)..]}\n"),
                    "unterminated quote"
                );
                break;
            case 3:
                (bytes, label) = (
                    Encoding.UTF8.GetBytes(
                        $"{header}\n"
                            + row.Replace("Fuzz Trading", new string('x', 1_100_000), StringComparison.Ordinal)
                                .Replace("1200", new string('9', 1_100_000), StringComparison.Ordinal)
                            + "\n"
                    ),
                    "1 MB field"
                );
                break;
            case 4:
                (bytes, label) = (
                    [
                        .. Encoding.UTF8.GetBytes(header + "\n"),
                        .. Encoding.Latin1.GetBytes(row.Replace("Fuzz", "Fü\u00DF", StringComparison.Ordinal) + "\n"),
                    ],
                    "Latin-1"
                );
                break;
            case 5:
                (bytes, label) = (
                    Encoding.UTF8.GetBytes($"{header},{header.Split(',')[0]},surprise\n{row}\n"),
                    "duplicate and unknown headers"
                );
                break;
            case 6:
                (bytes, label) = (RandomBytes(2048), "random bytes");
                break;
            case 7:
                (bytes, label) = (
                    Encoding.UTF8.GetBytes(
                        $"{header}\n"
                            + row.Replace("TW77", "TW7\u00007", StringComparison.Ordinal)
                                .Replace("Fuzz", "\u202EFuzz", StringComparison.Ordinal)
                            + "\n"
                    ),
                    "NUL and RTL override"
                );
                break;
            case 8:
                (bytes, label) = (Encoding.UTF8.GetBytes($"{header}\n{row}\n\n\n"), "trailing blank lines");
                break;
            case 9:
                (bytes, label) = (
                    Encoding.UTF8.GetBytes($"{header}\n{row.Replace(",", ",9999999999999999999999999999,", StringComparison.Ordinal)}\n"),
                    "extra cells with huge numbers"
                );
                break;
            default:
                (bytes, label) = (Encoding.UTF8.GetBytes($"{header}\n{row}\n"), "one row");
                break;
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return (content, $"csv: {label}");
    }

    /// <summary>A place in a generated body that a hostile value can replace.</summary>
    private sealed record Slot(JsonNode Parent, string? Key, int Index, JsonElement Schema, string Name)
    {
        public void Set(JsonNode? value)
        {
            if (Parent is JsonObject o)
            {
                o[Key!] = value;
            }
            else if (Parent is JsonArray a && Index < a.Count)
            {
                a[Index] = value;
            }
        }
    }

    /// <summary>The object the API returned in this family that shares the most properties with the schema.</summary>
    private JsonObject? Basis(JsonElement schema, string family)
    {
        var names = Properties(schema).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0 || !samples.TryGetValue(family, out var candidates))
        {
            return null;
        }

        var ranked = candidates
            .Select(c => (Sample: c, Shared: c.Count(p => names.Contains(p.Key))))
            .Where(c => c.Shared * 2 >= names.Count)
            .OrderByDescending(c => c.Shared)
            .Take(5)
            .ToList();
        return ranked.Count == 0 ? null : ranked[random.Next(ranked.Count)].Sample;
    }

    private JsonNode? Plausible(JsonElement schema, string name, int depth, List<Slot> slots, JsonObject? basis = null)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.Undefined || depth > 6)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var options = values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToList();
            return options.Count == 0 ? null : JsonNode.Parse(options[random.Next(options.Count)].GetRawText());
        }

        switch (Kind(schema))
        {
            case "object":
                var result = new JsonObject();
                foreach (var (property, propertySchema) in Properties(schema))
                {
                    var known = basis?[property];
                    var value =
                        known is JsonObject nested ? Plausible(propertySchema, property, depth + 1, slots, nested)
                        : known is not null && Compatible(known, propertySchema) ? Fresh(property, known.DeepClone())
                        : Plausible(propertySchema, property, depth + 1, slots);
                    if (value is null && random.Next(3) == 0)
                    {
                        continue;
                    }

                    result[property] = value;
                    slots.Add(new Slot(result, property, 0, propertySchema, property));
                }

                if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                {
                    result[PlausibleText("key")] = Plausible(extra, name, depth + 1, slots);
                }

                return result;
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                for (var n = random.Next(1, 3); n > 0; n--)
                {
                    array.Add(Plausible(items, name, depth + 1, slots));
                    slots.Add(new Slot(array, null, array.Count - 1, items, name));
                }

                return array;
            case "integer":
                var ints = Seen(name).Where(s => int.TryParse(s, CultureInfo.InvariantCulture, out _)).ToList();
                return ints.Count > 0 && random.Next(3) > 0
                    ? JsonValue.Create(int.Parse(PickFrom(ints), CultureInfo.InvariantCulture))
                    : JsonValue.Create(random.Next(0, 30));
            case "number":
                return JsonValue.Create(Math.Round(random.NextDouble() * 5000, 2));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            case "string":
                return Format(schema) switch
                {
                    "date" => JsonValue.Create(PlausibleDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    "date-time" => JsonValue.Create(
                        new DateTimeOffset(PlausibleDate().ToDateTime(new TimeOnly(random.Next(24), 0)), TimeSpan.Zero).ToString(
                            "O",
                            CultureInfo.InvariantCulture
                        )
                    ),
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    _ => JsonValue.Create(PlausibleString(name)),
                };
            default:
                return null;
        }
    }

    private bool Compatible(JsonNode value, JsonElement schema) =>
        (value.GetValueKind(), Kind(Resolve(schema))) switch
        {

            (JsonValueKind.String, "string")
            or
            (JsonValueKind.Number, "integer" or "number")
            or (JsonValueKind.True or JsonValueKind.False, "boolean") => true,
            (JsonValueKind.Array, "array") => true,
            _ => false,
        };

    /// <summary>A value copied from an existing record, made new now and then so that creating one can succeed.</summary>
    private JsonNode Fresh(string property, JsonNode value)
    {
        if (random.Next(3) > 0 || value.GetValueKind() != JsonValueKind.String)
        {
            return value;
        }

        var text = value.GetValue<string>();
        return property.ToLowerInvariant() switch
        {
            "tin" or "operator" when text.Length >= 2 => JsonValue.Create(
                text[..2] + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)
            ),
            "reference" or "certificatenumber" or "name" or "id" or "code" => JsonValue.Create($"{text}-{random.Next(100, 999)}"),
            _ => value,
        };
    }

    private JsonNode? Hostile(JsonElement schema, string name)
    {
        schema = Resolve(schema);
        var kind = Kind(schema);
        if (random.Next(6) == 0)
        {
            // The wrong kind of value altogether.
            return random.Next(6) switch
            {
                0 => null,
                1 => JsonValue.Create("not what was asked for"),
                2 => JsonValue.Create(12345),
                3 => new JsonObject { ["nested"] = "object" },
                4 => new JsonArray(JsonValue.Create("x"), null),
                _ => JsonValue.Create(true),
            };
        }

        if (Boundary(schema, kind, name) is { } edge && random.Next(3) == 0)
        {
            return edge;
        }

        switch (kind)
        {
            case "array":
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                return random.Next(5) switch
                {
                    0 => new JsonArray((JsonNode?)null),
                    1 => new JsonArray(Plausible(items, name, 1, []), null),
                    2 => new JsonArray(),
                    3 => new JsonArray([.. Enumerable.Range(0, 2000).Select(_ => Plausible(items, name, 1, []))]),
                    _ => new JsonArray(Hostile(items, name)),
                };
            case "object":
                return random.Next(3) switch
                {
                    0 => new JsonObject(),
                    1 => null,
                    _ => new JsonArray(),
                };
            case "integer" or "number":
                return JsonNode.Parse(
                    Pick([
                        "-1",
                        "0",
                        "-2147483648",
                        "2147483647",
                        "2147483648",
                        "-2147483649",
                        "9223372036854775807",
                        "9223372036854775808",
                        "1e308",
                        "-1e308",
                        "79228162514264337593543950335",
                        "79228162514264337593543950336",
                        "0.0000000000000000000000000001",
                        "123456789012345678.99",
                        "1.5",
                        "-0.000001",
                        "\"12\"",
                        "\"NaN\"",
                        "\"Infinity\"",
                        "99999999999999999999999999999999999999",
                    ])
                );
            case "boolean":
                return JsonNode.Parse(Pick(["\"yes\"", "1", "\"\"", "null"]));
            default:
                return JsonValue.Create(HostileString(schema, name));
        }
    }

    /// <summary>
    /// A value at or just past a limit the document states (<c>maxLength</c>, <c>minimum</c>, <c>maximum</c>,
    /// <c>maxItems</c>): the largest value the API promises to accept must fit every column behind it.
    /// </summary>
    private JsonNode? Boundary(JsonElement schema, string? kind, string name)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var past = random.Next(2);
        if (kind == "string" && schema.TryGetProperty("maxLength", out var maxLength))
        {
            // Letters of more than one UTF-8 byte: a column counts characters, a careless check counts bytes.
            return JsonValue.Create(new string(Pick(['x', 'é', '漢']), maxLength.GetInt32() + past));
        }

        if (kind is "integer" or "number")
        {
            var bounds = new[] { "minimum", "maximum" }.Where(b => schema.TryGetProperty(b, out _)).ToList();
            if (bounds.Count > 0)
            {
                var bound = bounds[random.Next(bounds.Count)];
                var value = decimal.Parse(schema.GetProperty(bound).ToString(), CultureInfo.InvariantCulture);
                var step = kind == "integer" ? 1m : 0.01m;
                return JsonNode.Parse((value + (bound == "minimum" ? -past : past) * step).ToString(CultureInfo.InvariantCulture));
            }
        }

        if (kind == "array" && schema.TryGetProperty("maxItems", out var maxItems) && maxItems.GetInt32() <= 5_000)
        {
            var items = schema.TryGetProperty("items", out var i) ? i : default;
            var one = Plausible(items, name, 1, []);
            return new JsonArray([.. Enumerable.Range(0, maxItems.GetInt32() + past).Select(_ => one?.DeepClone())]);
        }

        return null;
    }

    private string HostileScalar(JsonElement schema) =>
        Kind(schema) switch
        {
            "integer" or "number" => Pick([
                "-1",
                "0",
                "2147483647",
                "2147483648",
                "-2147483649",
                "99999999999999999999",
                "1e308",
                "abc",
                "1.5",
                "",
            ]),
            "boolean" => Pick(["maybe", "2", ""]),
            _ => HostileString(schema, ""),
        };

    private string HostileString(JsonElement schema, string name) =>
        Format(schema) switch
        {
            "date" when random.Next(3) > 0 => Pick([
                "0001-01-01",
                "9999-12-31",
                "2026-02-30",
                "26-03-02",
                "",
                "yesterday",
                "2026-03-02T09:00:00Z",
            ]),
            "date-time" when random.Next(3) > 0 => Pick([
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "9999-12-31T23:59:59-14:00",
                "0001-01-01T00:00:00+14:00",
                "2026-03-02T25:00:00Z",
                "2026-03-02",
                "",
            ]),
            _ => random.Next(14) switch
            {
                0 => "",
                1 => "   ",
                2 => "\0",
                3 => PlausibleString(name) + "\0tail",
                4 => "\u202E" + PlausibleString(name),
                5 => "\u202Bevil\u2066name\u2069",
                6 => new string('x', 1_048_577),
                7 => new string('y', Pick([17, 21, 65, 101, 201, 301, 501, 1001, 2001, 4001, 10_001, 70_000])),
                8 => "\uD83D\uDE00 \u0007 \u001B[31m",
                9 => "0001-01-01",
                10 => "9999-12-31T23:59:59Z",
                11 => "../../etc/passwd",
                12 => "-1",
                _ => "'; DROP TABLE registry_operators; --",
            },
        };

    private string PlausibleString(string name)
    {
        if (allowed.TryGetValue(name, out var choices) && random.Next(10) > 0)
        {
            return PickFrom(choices);
        }

        var scoped = seenInFamily.TryGetValue(family, out var f) && f.TryGetValue(name, out var inFamily) ? inFamily : [];
        if (scoped.Count > 0 && random.Next(5) > 0)
        {
            return PickFrom(scoped);
        }

        var values = Seen(name);
        if (values.Count > 0 && random.Next(5) > 0)
        {
            return PickFrom(values);
        }

        return PlausibleText(name);
    }

    private string PlausibleText(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Contains("tin", StringComparison.Ordinal))
        {
            return PickFrom(Seen("tin").DefaultIfEmpty("TW00000001").ToList());
        }

        if (
            lower.Contains("economy", StringComparison.Ordinal)
            || lower is "origin" or "destination" or "party" or "origins" or "destinations"
        )
        {
            return Pick(["TW", "JP", "KR", "AU", "US", "NZ"]);
        }

        if (lower.Contains("zone", StringComparison.Ordinal) || lower.EndsWith("tz", StringComparison.Ordinal))
        {
            return Pick(["Asia/Taipei", "Asia/Tokyo", "Pacific/Auckland", "UTC"]);
        }

        if (lower.Contains("url", StringComparison.Ordinal))
        {
            return "https://127.0.0.1:9/";
        }

        if (lower.Contains("hscode", StringComparison.Ordinal))
        {
            return Pick(["8471", "0901", "3004", "8703"]);
        }

        return Pick([
            "Fuzzed words",
            "Formosa Precision Tools",
            "ok",
            "A reason given by the fuzzer",
            "TW",
            "Sea",
            "Import",
            "Green",
            "Sme",
        ]);
    }

    private DateOnly PlausibleDate() => new DateOnly(2026, 3, 2).AddDays(random.Next(-400, 400));

    private List<string> Seen(string name) => seen.TryGetValue(name, out var values) ? values : [];

    private T Pick<T>(T[] options) => options[random.Next(options.Length)];

    private T PickFrom<T>(List<T> options) => options[random.Next(options.Count)];

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            {
                var choices = oneOf
                    .EnumerateArray()
                    .Where(c => !(c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                    .ToList();
                if (choices.Count == 0)
                {
                    return default;
                }

                schema = choices[0];
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                yield return (p.Name, p.Value);
            }
        }

        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray())
            {
                foreach (var p in Properties(part))
                {
                    yield return p;
                }
            }
        }
    }

    private static string? Kind(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }

            var names = type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList();
            return names.Contains("integer") ? "integer"
                : names.Contains("number") ? "number"
                : names.FirstOrDefault();
        }

        return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("allOf", out _) ? "object" : null;
    }

    private static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
}
