namespace OpenAeo.Platform;

/// <summary>
/// A node that must not go on as configured, said in sentences for whoever starts it (the key it was given did not sign
/// the log, ADR 0053): the CLI prints the message and exits 1, and <c>serve</c> stops before it listens.
/// </summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
