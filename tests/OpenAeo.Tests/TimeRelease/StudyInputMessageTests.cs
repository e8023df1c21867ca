using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.TimeRelease;

public class A_study_without_an_input
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Asks_for_the_input_instead_of_naming_an_empty_fingerprint(string? input)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var analyst = await app.ClientAs(Role.Analyst);

        var response = await analyst.PostAsJsonAsync(
            "/api/v1/trs/studies",
            new { definition = new { stage = "apec1", mra = "TW-JP" }, input }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Read<Problem>())
            .For("input")
            .ShouldBe(["Give the input: upload an events file, or the SHA-256 of one uploaded before."]);
    }
}
