namespace OpenAeo.Tests.Certification;

/// <summary>Request bodies of the monitoring after the grant, shared by the monitoring tests and the authorization matrix.</summary>
internal static class MonitoringBodies
{
    /// <summary>A self-review declaring that nothing has changed since the grant.</summary>
    public static readonly object NothingChanged = new
    {
        premisesChanged = false,
        ownershipChanged = false,
        partnersChanged = false,
        incidentsReported = false,
        otherChanged = false,
        declared = true,
    };
}
