using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Readiness of the node key (ADR 0050): the file at <c>Node:KeyPath</c> is read and parsed as a key on every probe,
/// so a key lost or spoiled while the node runs (a restored folder, a changed mount) shows before the next restart
/// would sign with a new key. No file is ready only while the status log is empty: the first signature creates it.
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

        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return HealthCheckResult.Healthy("The node key file holds a key.");
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            log.LogWarning(e, "Readiness: the node key file {Path} holds no key", node.KeyPath);
            return HealthCheckResult.Unhealthy("The node key file holds no key.");
        }
    }
}
