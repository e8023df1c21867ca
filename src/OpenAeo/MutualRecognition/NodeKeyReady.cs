using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Readiness of the node key (ADR 0050): on every probe the file at <c>Node:KeyPath</c> is read, parsed, and checked
/// against the latest signed tree head, so a key lost, spoiled or replaced while the node runs (a restored folder, a
/// changed mount) shows before the node signs a fork with it. No file is ready only while the status log is empty: the
/// first signature creates it.
/// </summary>
internal sealed class NodeKeyReady(NodeIdentity node, OpenAeoDb db, ILogger<NodeKeyReady> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(node.KeyPath))
        {
            return await db.LogTreeHeads().AnyAsync(cancellationToken)
                ? HealthCheckResult.Unhealthy("The node key file is missing, and the status log was signed: a new key would fork it.")
                : HealthCheckResult.Healthy("No node key yet: the first signature of the empty status log creates it.");
        }

        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(node.KeyPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "Readiness: the node key file {Path} cannot be read", node.KeyPath);
            return HealthCheckResult.Unhealthy("The node key file cannot be read.");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            log.LogWarning(e, "Readiness: the node key file {Path} holds no key", node.KeyPath);
            return HealthCheckResult.Unhealthy("The node key file holds no key.");
        }

        // The key must be the one that signed the log: a key restored from the wrong backup, or a new one made where the
        // file was lost, would sign a fork that partners refuse (Diverged).
        var head = await db.LogTreeHeads().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return HealthCheckResult.Healthy("The node key file holds a key; the status log is not signed yet.");
        }

        var identity = LogIdentity.Of(node.Economy, key);
        var signed = new SignedTreeHead(identity.LogId, node.Economy, head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
        if (!signed.Verify(identity.PublicKey))
        {
            log.LogWarning(
                "Readiness: the key in {Path} did not sign the status log's tree head of size {Size}"
                    + " (another key, or another Node:Economy)",
                node.KeyPath,
                head.TreeSize
            );
            return HealthCheckResult.Unhealthy("The node key file holds another key than the one that signed the status log.");
        }

        return HealthCheckResult.Healthy("The node key file holds the key that signed the status log.");
    }
}
