using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// This deployment's economy and log signing key (status-exchange.md, "Node identity"). The key pair is created on
/// first use and kept in a PKCS#8 PEM file outside the database, readable by the owner only, at <c>Node:KeyPath</c>
/// (default <c>data/node-key.pem</c>). The economy is Registry's <see cref="NodeEconomy"/>.
/// </summary>
internal sealed class NodeIdentity : IDisposable
{
    private readonly Lazy<ECDsa> key;

    public NodeIdentity(NodeEconomy economy, IConfiguration configuration, IHostEnvironment environment)
    {
        Economy = economy.Code;
        var path = configuration["Node:KeyPath"] is { Length: > 0 } p ? p : Path.Combine("data", "node-key.pem");
        KeyPath = environment.DataPath(path);
        key = new Lazy<ECDsa>(() => LoadOrCreate(KeyPath), LazyThreadSafetyMode.ExecutionAndPublication);
        AllowsPlainHttpPartners = configuration.GetValue(AllowPlainHttpSetting, false);
    }

    public const string AllowPlainHttpSetting = PartnerTerms.AllowPlainHttpSetting;

    /// <summary>
    /// Whether partners may be reached over plain HTTP: never by default, because our API key at the partner and the
    /// status log would cross the network in the clear; a closed test network (or loopback) may allow it.
    /// </summary>
    public bool AllowsPlainHttpPartners { get; }

    public string Economy { get; }

    public string KeyPath { get; }

    public ECDsa Key => key.Value;

    public LogIdentity Log => LogIdentity.Of(Economy, Key);

    /// <remarks>
    /// The key is written to a temporary file beside the final one and then moved into place, which the file system does
    /// atomically: a process killed while creating it leaves no half-written key behind (the next start creates one),
    /// and of two processes creating it at once (a CLI verb and the server on a new node) the second to move finds the
    /// first's key in place and uses it, so the node never signs with two keys (ADR 0019).
    /// </remarks>
    public static ECDsa LoadOrCreate(string path)
    {
        var ecdsa = ECDsa.Create();
        if (File.Exists(path))
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
            return ecdsa;
        }

        ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var pem = ecdsa.ExportPkcs8PrivateKeyPem();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        // Create the file empty with owner-only permissions first, so the key is never readable by others, even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                {
                    writer.Write(pem);
                }

                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: this node has that key.
            ecdsa.Dispose();
            ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(File.ReadAllText(path));
        }
        finally
        {
            File.Delete(temporary);
        }

        return ecdsa;
    }

    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Dispose();
        }
    }
}
