using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform.Files;
using OpenAeo.Platform;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// This deployment's economy and log signing key (status-exchange.md, "Node identity"). The key pair is created on
/// first use and kept in a PKCS#8 PEM file outside the database, readable by the owner only, at <c>Node:KeyPath</c>
/// (default <c>data/node-key.pem</c>). The economy is <c>Node:Economy</c>; without it the node is TW, the reference
/// deployment the demo data describes, so that a fresh checkout runs; production sets it.
/// </summary>
internal sealed class NodeIdentity : IDisposable
{
    public const string DefaultEconomy = "TW";

    private readonly Lazy<ECDsa> key;

    public NodeIdentity(IConfiguration configuration, IHostEnvironment environment)
    {
        Economy = (configuration["Node:Economy"] is { Length: > 0 } e ? e : DefaultEconomy).Trim().ToUpperInvariant();
        var path = configuration["Node:KeyPath"] is { Length: > 0 } p ? p : Path.Combine("data", "node-key.pem");
        KeyPath = environment.DataPath(path);
        key = new Lazy<ECDsa>(() => LoadOrCreate(KeyPath), LazyThreadSafetyMode.ExecutionAndPublication);
        AllowsPlainHttpPartners = configuration.GetValue(AllowPlainHttpSetting, false);
    }

    public const string AllowPlainHttpSetting = "Exchange:AllowPlainHttp";

    /// <summary>
    /// Whether partners may be reached over plain HTTP: never by default, because our API key at the partner and the
    /// status log would cross the network in the clear; a closed test network (or loopback) may allow it.
    /// </summary>
    public bool AllowsPlainHttpPartners { get; }

    public string Economy { get; }

    public string KeyPath { get; }

    public ECDsa Key => key.Value;

    public LogIdentity Log => LogIdentity.Of(Economy, Key);

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
        using (var stream = OwnerOnly.CreateFile(path))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
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
