using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenAeo.Tests;

/// <summary>An error an app logged: where, what it said, and the exception if there was one.</summary>
public sealed record LoggedError(string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Category}: {Message}{(Exception is null ? "" : "\n" + Exception)}";
}

/// <summary>
/// The errors an app in memory logged, exception and all: a test that meets a 500 says why, which the answer's ProblemDetails
/// (a trace id) does not, and the console of a busy run does not show for the test that failed.
/// </summary>
public sealed class CapturedErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedError> errors = new();

    public IReadOnlyList<LoggedError> All => [.. errors];

    public void Clear() => errors.Clear();

    /// <summary>The errors logged since the last drain, taken away.</summary>
    public List<LoggedError> Drain()
    {
        var taken = new List<LoggedError>();
        while (errors.TryDequeue(out var e))
        {
            taken.Add(e);
        }

        return taken;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LoggedError> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue(new LoggedError(category, formatter(state, exception), exception));
            }
        }
    }
}
