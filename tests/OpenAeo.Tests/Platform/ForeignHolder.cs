using System.Diagnostics;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// Another live process on this host holding a lease, as a server or a CLI verb would: a real process (it can be killed),
/// and the lease row such a process writes into the database.
/// </summary>
internal sealed class ForeignHolder : IDisposable
{
    private readonly Process process = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;

    public int Id => process.Id;

    /// <summary>How the lease names this holder, e.g. <c>openaeo serve (process 4242 on node-a)</c>.</summary>
    public string Describe(string verb) => $"openaeo {verb} (process {process.Id} on {Environment.MachineName})";

    /// <summary>Writes its lease on <paramref name="name"/>, started at <paramref name="startedAt"/>, into the app's database.</summary>
    public Task Holds(OpenAeoApp app, string name, string verb, DateTimeOffset startedAt) =>
        app.WithDb(async db =>
        {
            db.Leases()
                .Add(
                    new LeaseRow
                    {
                        Name = name,
                        Token = Guid.NewGuid().ToString("N"),
                        Holder = Describe(verb),
                        Host = Environment.MachineName,
                        ProcessId = process.Id,
                        ProcessStartedAt = process.StartTime.ToUniversalTime(),
                        StartedAt = startedAt,
                        ExpiresAt = startedAt + DatabaseLeases.Lifetime,
                    }
                );
            await db.SaveChangesAsync();
        });

    /// <summary>SIGKILL, and reaped: gone as a crashed server is.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
