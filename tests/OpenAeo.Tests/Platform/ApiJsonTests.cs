using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OpenAeo.Tests.Platform;

public class The_test_json_options
{
    [Fact]
    public async Task Read_what_the_server_writes_camel_case_with_enums_by_name()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var server = app.Started()
            .Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;

        // Tests deserialise every answer with Api.Json: if the server's options change (a naming policy, another
        // converter), the typed reads would silently see defaults, so the two must stay the same.
        Api.Json.PropertyNamingPolicy.ShouldBe(server.PropertyNamingPolicy);
        Api.Json.PropertyNameCaseInsensitive.ShouldBe(server.PropertyNameCaseInsensitive);
        Api.Json.NumberHandling.ShouldBe(server.NumberHandling);
        Api.Json.DictionaryKeyPolicy.ShouldBe(server.DictionaryKeyPolicy);
        Api.Json.Converters.Select(c => c.GetType()).ShouldBe(server.Converters.Select(c => c.GetType()));
        server.Converters.ShouldContain(c => c is JsonStringEnumConverter);
    }
}
