using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Shared;

public class Results
{
    private static readonly DomainError Error = new("x.code", "Something is wrong.", "x");

    [Fact]
    public void Ok_carries_the_value_and_no_errors()
    {
        var result = Result<string>.Ok("value");

        result.IsOk.ShouldBeTrue();
        result.Value.ShouldBe("value");
        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_failure_carries_its_errors_and_no_value()
    {
        var other = new DomainError("y.code", "Something else.");

        var result = Result<string>.Fail(Error, other);

        result.IsOk.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Errors.ShouldBe([Error, other]);
    }

    [Fact]
    public void A_failure_needs_at_least_one_error()
    {
        Should.Throw<ArgumentException>(() => Result<string>.Fail());
        Should.Throw<ArgumentException>(() => Result<string>.Fail(new List<DomainError>()));
    }

    [Fact]
    public void A_failure_from_a_list_keeps_a_copy()
    {
        var errors = new List<DomainError> { Error };

        var result = Result<int>.Fail(errors);
        errors.Clear();

        result.Errors.ShouldHaveSingleItem().ShouldBe(Error);
    }

    [Fact]
    public void An_error_converts_to_a_failed_result()
    {
        Result<int> result = Error;

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldBe(Error);
    }

    [Fact]
    public void An_error_without_a_field_has_none()
    {
        new DomainError("forbidden", "No.").Field.ShouldBeNull();
    }
}
