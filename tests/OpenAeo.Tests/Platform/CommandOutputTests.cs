namespace OpenAeo.Tests.Platform;

public class A_command_writing_a_file
{
    [Fact]
    public async Task Creates_the_folder_of_its_out_file_when_it_is_missing()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var target = Path.Combine(app.DataFolder, "exports", "2026", "operators.csv");

        var (exit, _, error) = await app.Cli("operators", "export", "--out", target);

        exit.ShouldBe(0, error);
        (await File.ReadAllTextAsync(target)).ShouldStartWith("tin,legal_name,economy,roles");
    }

    [Fact]
    public async Task Shows_its_help_when_asked_although_its_out_file_is_required()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var (exit, output, error) = await app.Cli("declarations", "generate", "--help");

        exit.ShouldBe(0, error);
        output.ShouldContain("--out");
        error.ShouldNotContain("Unhandled exception");
    }
}
