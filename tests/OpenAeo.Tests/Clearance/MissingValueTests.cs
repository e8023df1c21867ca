namespace OpenAeo.Tests.Clearance;

public class Lodging_an_item_without_a_value
{
    [Fact]
    public async Task Names_the_item_that_has_no_customs_value()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var declaration = new
        {
            type = "Import",
            mode = "Sea",
            originEconomy = "US",
            destinationEconomy = "TW",
            office = "TWKEL1",
            officeTimeZone = "Asia/Taipei",
            parties = new object[] { new { role = "Importer", tin = Border.OtherImporter } },
            items = new object[] { new { hsCode = "84713000", customsValue = 100m }, new { hsCode = "84714100" } },
        };

        var response = await border.Officer.PostAsJsonAsync("/api/v1/declarations", declaration);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Read<Problem>();
        problem.For("items").ShouldBe(["Item 2 has no customs value."]);
    }

    [Fact]
    public async Task A_file_row_with_an_empty_item_value_says_the_same_with_its_line_and_column()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await Border.Open(app);
        var file = Path.Combine(app.DataFolder, "declarations.csv");
        await File.WriteAllTextAsync(
            file,
            """
            declaration_id,type,mode,origin,destination,office,office_tz,hs_codes,item_values,lodged_at,importer_tin
            D-1,Import,Sea,US,TW,TWKEL1,Asia/Taipei,84713000;84714100;84715000,100;;300,2026-03-01T10:00:00,TW10000002
            """
        );

        var (exit, _, error) = await app.Cli("declarations", "import", file);

        exit.ShouldBe(1);
        error.ShouldContain("declarations.csv:2:");
        error.ShouldContain("Item 2 has no customs value");
    }
}
