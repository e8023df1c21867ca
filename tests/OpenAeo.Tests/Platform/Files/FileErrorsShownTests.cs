using OpenAeo.Platform.Files;

namespace OpenAeo.Tests.Platform.Files;

/// <summary>A page that took an upload lists the file's first errors in its redirect address, and says how many it left out.</summary>
public sealed class A_failed_uploads_errors_on_a_page
{
    private static FileImportException Failed(int count) =>
        new([.. Enumerable.Range(2, count).Select(line => new FileError("ops.csv", line, 3, "tin", $"bad TIN on line {line}"))]);

    [Fact]
    public void Are_the_first_eight_a_line_each_then_how_many_more()
    {
        var lines = Failed(12).FirstErrors().Split('\n');

        lines.Length.ShouldBe(FileImportException.ErrorsShown + 1);
        lines[0].ShouldBe("ops.csv:2:3 (tin): bad TIN on line 2");
        lines[FileImportException.ErrorsShown - 1].ShouldBe("ops.csv:9:3 (tin): bad TIN on line 9");
        lines[^1].ShouldBe("… and 4 more");
    }

    [Fact]
    public void Are_all_of_them_when_they_are_few()
    {
        Failed(3)
            .FirstErrors()
            .Split('\n')
            .ShouldBe([
                "ops.csv:2:3 (tin): bad TIN on line 2",
                "ops.csv:3:3 (tin): bad TIN on line 3",
                "ops.csv:4:3 (tin): bad TIN on line 4",
            ]);
    }
}
