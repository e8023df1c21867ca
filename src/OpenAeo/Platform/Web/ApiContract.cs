using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenAeo.Platform.Security;

namespace OpenAeo.Platform.Web;

/// <summary>
/// Makes <c>/openapi/v1.json</c> a contract clients can be generated from (ADR 0036): the two ways to authenticate
/// declared and applied to each operation from its own authorization metadata (so the document cannot disagree with
/// what the server enforces), the problem answers each operation can give, the licence, tags with their meaning, and a
/// relative server, never the address a request happened to use. Summaries and operation ids stay with each endpoint.
/// </summary>
internal static partial class ApiContract
{
    public const string ApiKeyScheme = "apiKey";
    public const string CookieScheme = "cookie";
    private const string Problem = "ProblemDetails";
    private const string ValidationProblem = "ValidationProblemDetails";
    private const string ProblemMediaType = "application/problem+json";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Registry", "Economies, AEO programmes with their rules and calendars, operators keyed by Trader Identification Number."),
        ("Accounts", "People and machines that use OpenAeo, their roles and API keys."),
        (
            "Certification",
            "Applications for AEO status on every track (SME included), their workflow, validation visits, "
                + "decisions, certificates and supply chains."
        ),
        ("MutualRecognition", "Mutual recognition arrangements and partner administrations whose AEO status this node replicates."),
        ("Exchange", "The signed, verifiable status log partner administrations read (docs/exchange-wire-format.md)."),
        ("Clearance", "Declarations with their risk lanes and explanations, examinations, risk rules and agencies' controls."),
        ("Portal", "What anyone may use without an account: the readiness self-check, prior consultations, benefits and guides."),
        ("Time release", "Time Release Studies: inputs, runs, saved results."),
        ("Insights", "The programme's indicators (SME participation, times, benefits) and trader surveys."),
    ];

    public static OpenApiOptions AddContract(this OpenApiOptions options) =>
        options.AddDocumentTransformer(Document).AddOperationTransformer(Operation).AddSchemaTransformer(RequestLimits.Document);

    private static Task Document(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "OpenAeo API";
        document.Info.Version = "v1";
        document.Info.Description =
            "AEO registry, certification, mutual recognition, clearance and time release studies. "
            + "Machines authenticate with an API key in the `X-Api-Key` header (`openaeo users add --print-api-key`); the web "
            + "pages' session cookie works too. Errors are RFC 9457 problem details. Writes that take an `Idempotency-Key` "
            + "header say so. "
            + Paging.Conventions;
        document.Info.License = new OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" };
        // Relative: clients call the host they read the document from, whatever address this request came in on.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The OpenAeo node that served this document." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.Header,
                Description =
                    "An account's API key (`openaeo users add <name> --role <role> --print-api-key`); partners get "
                    + "theirs from the administration.",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = AuthenticationSetup.CookieName,
                Description = "The session cookie of a person signed in on the web pages (`/signin`).",
            },
        };
        EnsureProblemSchemas(document);
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        foreach (var schema in document.Components.Schemas?.Values ?? [])
        {
            OneLine(schema);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A doc comment wrapped over several source lines reaches the document with the line break and the next line's
    /// indentation in it; a reader of the contract should see the sentence as it was written.
    /// </summary>
    private static void OneLine(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference { Description: { } referenceDescription } reference)
        {
            reference.Description = WrappedLine().Replace(referenceDescription, " ");
        }

        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (concrete.Description is { } description)
        {
            concrete.Description = WrappedLine().Replace(description, " ");
        }

        var nested = (concrete.Properties?.Values ?? [])
            .Concat(concrete.AllOf ?? [])
            .Concat(concrete.AnyOf ?? [])
            .Concat(concrete.OneOf ?? [])
            .Concat(concrete.Items is { } items ? [items] : []);
        foreach (var inner in nested)
        {
            OneLine(inner);
        }
    }

    [GeneratedRegex(@"\n[ ]+")]
    private static partial Regex WrappedLine();

    private static async Task Operation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        EnsureProblemSchemas(document);
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        if (anonymous)
        {
            operation.Security = [];
        }
        else
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
            ];
            var roles = await Roles(metadata.OfType<IAuthorizeData>(), context.ApplicationServices);
            operation.Description = string.Join(
                "\n\n",
                new[] { operation.Description, roles.Count > 0 ? $"Roles: {string.Join(", ", roles)}." : "Any signed-in account." }.Where(
                    s => !string.IsNullOrWhiteSpace(s)
                )
            );
        }

        var method = context.Description.HttpMethod ?? "GET";
        var path = context.Description.RelativePath ?? "";
        var writes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var takesInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        operation.Responses ??= [];
        if (takesInput)
        {
            Add(
                operation,
                document,
                400,
                "The request is not valid; `errors` names each field and what is wrong with it.",
                ValidationProblem,
                new JsonObject
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                    ["title"] = "One or more validation errors occurred.",
                    ["status"] = 400,
                    ["errors"] = new JsonObject { ["tin"] = new JsonArray("A TIN starts with its economy's two-letter code.") },
                }
            );
        }

        if (!anonymous)
        {
            Add(
                operation,
                document,
                401,
                "No valid API key or session was sent.",
                Problem,
                Example(401, "Unauthorized.", "Send an API key in the X-Api-Key header.")
            );
            Add(
                operation,
                document,
                403,
                "The account's role may not do this, or the record is not the account's own.",
                Problem,
                Example(403, "Forbidden.", "A trader sees only its own applications.")
            );
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(
                operation,
                document,
                404,
                "Nothing is known under this identifier (or the caller may not know it exists).",
                Problem,
                Example(404, "Not found.", "No operator TW12345678.")
            );
        }

        if (writes && !anonymous)
        {
            Add(
                operation,
                document,
                409,
                "The record's state does not allow this now, or someone else changed it at the same time; nothing was changed.",
                Problem,
                Example(409, "Conflict.", "Application AEO-TW-2026-0007 is Granted; it cannot be submitted.")
            );
        }
    }

    private static async Task<List<string>> Roles(IEnumerable<IAuthorizeData> rules, IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var roles = new List<string>();
        foreach (var rule in rules)
        {
            roles.AddRange(rule.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
            if (rule.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
            {
                roles.AddRange(
                    policy
                        .Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                        .SelectMany(r => r.AllowedRoles)
                );
            }
        }

        return [.. roles.Distinct()];
    }

    private static void Add(
        OpenApiOperation operation,
        OpenApiDocument document,
        int status,
        string description,
        string schema,
        JsonObject example
    )
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(code))
        {
            return;
        }

        operation.Responses[code] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema, document), Example = example },
            },
        };
    }

    private static JsonObject Example(int status, string title, string detail) =>
        new()
        {
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };

    /// <summary>RFC 9457's members, and the field errors OpenAeo adds to a validation problem.</summary>
    private static void EnsureProblemSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(Problem, ProblemSchema());
        var validation = ProblemSchema();
        validation.Properties!["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "For each field (as the JSON names it), what is wrong with it.",
            AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        document.Components.Schemas.TryAdd(ValidationProblem, validation);
    }

    private static OpenApiSchema ProblemSchema() =>
        new()
        {
            Type = JsonSchemaType.Object,
            Description =
                "An RFC 9457 problem; `type` ends with OpenAeo's code for it (e.g. `urn:openaeo:problem:certification.foreign-programme`).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        };
}
