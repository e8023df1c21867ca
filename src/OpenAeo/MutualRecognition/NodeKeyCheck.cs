using OpenAeo.Platform;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// At every start (the server and every verb, after migrations): the node key against the log in the database (ADR 0053).
/// A new node gets its key here; a node whose key may not sign the log only remembers why, so verbs that never sign
/// (adding a user, migrating) still run, and the first use of the key ends the verb with that sentence.
/// </summary>
internal sealed class NodeKeyStartup : IStartupTask
{
    public bool ServeOnly => false;

    public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<NodeIdentity>().CheckAsync(services.GetRequiredService<OpenAeoDb>(), ct);
}

/// <summary>
/// <c>serve</c> stops before it listens when its key may not sign the log: a web node that cannot publish or serve its
/// status log must not take traffic behind the load balancer. A serve-only startup task after <see cref="NodeKeyStartup"/>,
/// which made the check, so the refusal ends the start before any background service has begun (a hosted service of its
/// own came after those of the capabilities registered before this one, which then logged their cancellation as failures).
/// </summary>
internal sealed class NodeKeyGuard : IStartupTask
{
    public bool ServeOnly => true;

    public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<NodeIdentity>().Refusal is { } refusal
            ? throw new StartupRefusedException(refusal)
            : Task.CompletedTask;
}
