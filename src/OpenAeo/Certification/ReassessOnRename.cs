using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A new legal name usually means a new legal form or owner: the holder's certificates are due for reassessment (ADR
/// 0040).</summary>
internal sealed class ReassessOnRename : IOperatorRenamed
{
    public Task Renamed(
        OpenAeoDb db,
        Operator renamed,
        string before,
        string after,
        DateTimeOffset now,
        string actor,
        CancellationToken ct
    ) =>
        CertificateMonitoring.TriggerForHolder(
            db,
            renamed.Tin.Value,
            TriggerSource.Registry,
            $"Legal name changed from '{before}' to '{after}'",
            $"operator:{renamed.Tin}",
            now,
            actor,
            ct
        );
}
