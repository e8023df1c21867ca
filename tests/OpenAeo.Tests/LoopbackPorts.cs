using System.Net.Sockets;

namespace OpenAeo.Tests;

/// <summary>
/// Ports for the servers tests start on 127.0.0.1 (OpenAeo nodes, an SMTP server). A port asked of the kernel with port 0
/// comes from Linux's ephemeral range (32768–60999), where every outgoing connection also takes its local port and where
/// the kernel hands a freed port to the next caller: a node killed and started again on its port could find another test's
/// node there, answering its health check and refusing its keys (seen in CI: a 401 after a restart). These come from
/// below that range, each once per test process, from a random point, so two test processes seldom walk the same ports,
/// and a port something holds is passed over. Shared with the browser tests' project as a linked file.
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port on 127.0.0.1 from {First} to {First + Count - 1}.");
    }

    public static string Url() => $"http://127.0.0.1:{Next()}";

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
