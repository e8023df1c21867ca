namespace OpenAeo.Domain.Shared;

/// <summary>
/// A rule the input or the current state breaks, as a value. The app turns it into ProblemDetails on the wire
/// and into "file, line, column: message" in imports.
/// </summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>tin.prefix</c>.</param>
/// <param name="Message">What is wrong, for a person, in one sentence.</param>
/// <param name="Field">The field the error is about, when there is one.</param>
public sealed record DomainError(string Code, string Message, string? Field = null);

/// <summary>Either a value or the errors that prevented it.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, IReadOnlyList<DomainError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<DomainError> Errors { get; }

    public bool IsOk => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Fail(params DomainError[] errors) =>
        errors.Length == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static Result<T> Fail(IReadOnlyList<DomainError> errors) => Fail([.. errors]);

    public static implicit operator Result<T>(DomainError error) => Fail(error);

    /// <summary>The value turned into another (a response, say), or the same errors.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsOk ? Result<TOut>.Ok(map(Value!)) : Result<TOut>.Fail(Errors);
}
