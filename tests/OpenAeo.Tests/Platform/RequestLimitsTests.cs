using OpenAeo.Domain.Registry;
using OpenAeo.Registry;
using OpenAeo.Tests.Platform.Fuzzing;

namespace OpenAeo.Tests.Platform;

/// <summary>The cases of issue #11: bad input is a field error in the API's words, the same on both databases, never a 500.</summary>
public class Bad_input_is_a_field_error
{
    private static async Task<JsonElement> Refused(HttpResponseMessage response, string field, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        OpenApiFuzzer.LeakedTypeName(text).ShouldBeNull(text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.TryGetProperty("errors", out var errors).ShouldBeTrue(text);
        errors.TryGetProperty(field, out var messages).ShouldBeTrue(text);
        problem.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldContain(code, text);
        return messages;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_body_that_does_not_read_names_its_field_in_the_APIs_words(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        const string operators = "/api/v1/operators";

        (await Refused(await officer.PostAsync(operators, Json("")), "", "request.body"))[0]
            .GetString()
            .ShouldBe("A JSON body is required.");
        (await Refused(await officer.PostAsync(operators, Json("{\"tin\": \"TW1\",")), "", "request.json"))[0]
            .GetString()!
            .ShouldStartWith("The body is not valid JSON (line 1, position 14)");
        (await Refused(await officer.PostAsync(operators, Json("{\"employees\": \"many\"}")), "employees", "request.type"))[0]
            .GetString()
            .ShouldBe("Employees is a whole number from 0 to 10,000,000.");
        (await Refused(await officer.PostAsync(operators, Json("{\"employees\": 99999999999}")), "employees", "request.type"))[0]
            .GetString()
            .ShouldBe("Employees is a whole number from 0 to 10,000,000.");
        (await Refused(await officer.PostAsync(operators, Json("{\"turnover\": 1e40}")), "turnover", "request.type"))[0]
            .GetString()
            .ShouldBe("Turnover is a number from 0 to 1,000,000,000,000,000.");
        (await Refused(await officer.PostAsync(operators, Json("{\"roles\": \"Importer\"}")), "roles", "request.type"))[0]
            .GetString()
            .ShouldBe("Roles is a list, each entry a text of at most 50 characters on one line.");
        (await Refused(await officer.GetAsync("/api/v1/operators?page=abc"), "page", "request.type"))[0]
            .GetString()
            .ShouldBe("Page is a whole number from 1 to 1,000,000; 'abc' is not.");

        // Optional values of other types, which the generated binding refuses without naming them (ADR 0071).
        var border = await app.ClientAs(Role.BorderOfficer);
        (await Refused(await border.GetAsync("/api/v1/declarations?open=perhaps"), "open", "request.type"))[0]
            .GetString()!
            .ShouldEndWith("; 'perhaps' is not.");
        (await Refused(await border.GetAsync("/api/v1/declarations?from=2026-02-30"), "from", "request.type"))[0]
            .GetString()!
            .ShouldEndWith("; '2026-02-30' is not.");
        (await border.GetAsync("/api/v1/declarations?from=2026-02-28&open=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, string, string> NullsInLists =>
        new()
        {
            { "POST", "/api/v1/operators", """{"tin":"TW1","legalName":"X","roles":["Importer",null]}""", "roles[1]" },
            { "POST", "/api/v1/economies", """{"code":"MERCOSUR","name":"Mercosur","kind":"Bloc","members":[null]}""", "members[0]" },
            { "POST", "/api/v1/mras", """{"name":"X","parties":["TW",null],"status":"Signed"}""", "parties[1]" },
            { "POST", "/api/v1/declarations", """{"type":"Import","items":[null]}""", "items[0]" },
            { "POST", "/api/v1/applications/1/rejection", """{"reasons":[null],"text":"No."}""", "reasons[0]" },
            { "POST", "/api/v1/applications/1/visits/1/report", """{"findings":[null],"report":"Seen."}""", "findings[0]" },
            { "POST", "/api/v1/criteria-packs/1/versions", """{"programme":"TW","questions":[null]}""", "questions[0]" },
            {
                "PUT",
                "/api/v1/agencies/FDA",
                """{"code":"FDA","name":"Food and Drug","benefits":[null],"aeoInspectionFactor":0.5}""",
                "benefits[0]"
            },
            {
                "POST",
                "/api/v1/clearance/simulations",
                """{"rules":[{"id":"R1","name":"R","score":10,"conditions":{"hsCodes":[null]}}]}""",
                "rules[0].conditions.hsCodes[0]"
            },
            {
                "POST",
                "/api/v1/clearance/rules",
                """{"id":"R1","name":"R","score":10,"conditions":{"origins":["CN",null]}}""",
                "conditions.origins[1]"
            },
        };

    [Theory]
    [MemberData(nameof(NullsInLists))]
    public async Task A_null_inside_a_list_is_a_field_error_on_every_route_that_takes_a_list(
        string method,
        string path,
        string body,
        string field
    )
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Role.Admin);

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        (await Refused(response, field, "limit.null"))[0].GetString()!.ShouldEndWith("may not have an empty (null) entry.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_name_is_held_to_the_same_length_and_characters_on_both_databases(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        object Operator(string tin, string name) =>
            new
            {
                tin,
                legalName = name,
                roles = new[] { "Importer" },
            };
        var longest = new string('漢', 300);

        var megabyte = await officer.PostAsJsonAsync("/api/v1/operators", Operator("TW1", new string('x', 1 << 20)));
        var nul = await officer.PostAsJsonAsync("/api/v1/operators", Operator("TW2", "Formosa\0Tools"));
        var override_ = await officer.PostAsJsonAsync("/api/v1/operators", Operator("TW3", "\u202Eslooc"));
        var atTheLimit = await officer.PostAsJsonAsync("/api/v1/operators", Operator("TW4", longest));

        (await Refused(megabyte, "legalName", "limit.length"))[0]
            .GetString()
            .ShouldBe("Legal name has at most 300 characters; this one has 1,048,576.");
        (await Refused(nul, "legalName", "limit.characters"))[0]
            .GetString()
            .ShouldBe("Legal name may not contain the NUL character (U+0000).");
        (await Refused(override_, "legalName", "limit.characters"))[0]
            .GetString()!
            .ShouldStartWith("Legal name may not contain the text direction control U+202E");
        atTheLimit.StatusCode.ShouldBe(HttpStatusCode.Created, await atTheLimit.Content.ReadAsStringAsync());
        (await app.WithDb(db => db.Operators().Select(o => o.LegalName).ToListAsync())).ShouldBe([longest]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_dates_thresholds_and_scores_outside_their_range_are_refused_before_the_database_sees_them(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);

        await Refused(await admin.GetAsync("/api/v1/operators?page=2147483647&pageSize=100"), "page", "limit.range");
        await Refused(await admin.GetAsync("/api/v1/declarations?pageSize=501"), "pageSize", "limit.range");
        (
            await Refused(
                await admin.PostAsync("/api/v1/applications/1/pause-proposal", Json("""{"reason":"x","resumeBy":"9999-12-31"}""")),
                "resumeBy",
                "limit.range"
            )
        )[0]
            .GetString()
            .ShouldBe("Resume by is a date from 1900-01-01 to 2199-12-31.");
        await Refused(
            await admin.PostAsync("/api/v1/declarations", Json("""{"arrivalAt":"0001-01-01T00:00:00Z"}""")),
            "arrivalAt",
            "limit.range"
        );
        (
            await Refused(
                await admin.PutAsync("/api/v1/clearance/profile", Json("""{"yellowFrom":-5,"redFrom":40,"randomRate":0.02}""")),
                "yellowFrom",
                "limit.range"
            )
        )[0]
            .GetString()
            .ShouldBe("Yellow from is a whole number from 1 to 10,000.");
        await Refused(
            await admin.PostAsync("/api/v1/clearance/rules", Json("""{"id":"R1","name":"R","score":-5000}""")),
            "score",
            "limit.range"
        );
        await Refused(
            await admin.PostAsync("/api/v1/operators", Json("""{"tin":"TW1","legalName":"X","roles":["Importer"],"turnover":-1}""")),
            "turnover",
            "limit.range"
        );
    }

    [Fact]
    public async Task The_OpenAPI_document_states_the_limits_of_every_field_a_request_carries()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var document = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var missing = new List<string>();
        var seen = new HashSet<string>();

        void Walk(JsonElement schema, string where)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                if (seen.Add(name))
                {
                    Walk(schemas.GetProperty(name), name);
                }

                return;
            }

            foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
            {
                if (schema.TryGetProperty(key, out var parts))
                {
                    foreach (var part in parts.EnumerateArray())
                    {
                        Walk(part, where);
                    }
                }
            }

            var types =
                !schema.TryGetProperty("type", out var type) ? []
                : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
                : type.EnumerateArray().Select(t => t.GetString()!).ToArray();
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (types.Contains("integer") || types.Contains("number"))
            {
                if (!schema.TryGetProperty("minimum", out _) || !schema.TryGetProperty("maximum", out _))
                {
                    missing.Add($"{where}: a number without minimum and maximum");
                }
            }
            else if (
                types.Contains("string")
                && format is not ("date" or "date-time" or "uuid" or "binary")
                && !schema.TryGetProperty("enum", out _)
                && !schema.TryGetProperty("maxLength", out _)
            )
            {
                missing.Add($"{where}: a text without maxLength");
            }

            if (types.Contains("array"))
            {
                if (!schema.TryGetProperty("maxItems", out _))
                {
                    missing.Add($"{where}: a list without maxItems");
                }

                Walk(schema.GetProperty("items"), $"{where}[]");
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    Walk(p.Value, $"{where}.{p.Name}");
                }
            }
        }

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
                {
                    if (
                        parameter.GetProperty("in").GetString() != "path"
                        || parameter.GetProperty("schema").GetProperty("type").ToString() is not "integer"
                    )
                    {
                        Walk(
                            parameter.GetProperty("schema"),
                            $"{operation.Name.ToUpperInvariant()} {path.Name} ?{parameter.GetProperty("name").GetString()}"
                        );
                    }
                }

                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    foreach (
                        var content in body.GetProperty("content")
                            .EnumerateObject()
                            .Where(c => c.Name is not ("text/csv" or "text/calendar"))
                    )
                    {
                        Walk(content.Value.GetProperty("schema"), $"{operation.Name.ToUpperInvariant()} {path.Name} body");
                    }
                }
            }
        }

        missing.ShouldBeEmpty();
    }
}

public class Notifications_quoting_a_long_text
{
    [Fact]
    public void Are_shortened_to_their_columns_without_splitting_a_character()
    {
        var question = new string('x', OpenAeo.Platform.Notifications.Notification.MaxBodyLength - 2) + "\U0001F600 and more text after it";

        var notice = OpenAeo.Platform.Notifications.Notification.Create(
            "operator:TW1",
            "request:1",
            new string('s', 500),
            question,
            null,
            OpenAeoApp.Start,
            OpenAeo.Domain.Shared.NotificationKind.Notices
        );

        notice.Body.Length.ShouldBe(OpenAeo.Platform.Notifications.Notification.MaxBodyLength - 1);
        notice.Body.ShouldEndWith("x…");
        notice.Subject.Length.ShouldBe(OpenAeo.Platform.Notifications.Notification.MaxSubjectLength);
        notice.Subject.ShouldEndWith("s…");
    }
}
