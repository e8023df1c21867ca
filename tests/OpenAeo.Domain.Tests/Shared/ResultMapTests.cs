using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Shared;

public class Mapping_a_result
{
    [Fact]
    public void Maps_the_value_of_a_success()
    {
        Result<int>.Ok(21).Map(n => $"{n * 2}").Value.ShouldBe("42");
    }

    [Fact]
    public void Keeps_the_errors_of_a_failure_without_calling_the_map()
    {
        var error = new DomainError("x.code", "Something is wrong.", "x");
        var called = false;

        var mapped = Result<int>
            .Fail(error)
            .Map(n =>
            {
                called = true;
                return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });

        mapped.IsOk.ShouldBeFalse();
        mapped.Errors.ShouldBe([error]);
        called.ShouldBeFalse();
    }
}
