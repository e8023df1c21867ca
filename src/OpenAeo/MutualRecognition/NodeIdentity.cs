using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// This deployment's economy and log signing key (status-exchange.md, "Node identity"). The key is a PKCS#8 PEM, given
/// in <c>Node:Key</c> (an orchestrator's secret) or kept in a file outside the database, readable by the owner only,
/// at <c>Node:KeyPath</c> (default <c>data/node-key.pem</c>; a shared path when several web nodes serve one database).
/// Before it signs, a node checks its key against the log in the database (ADR 0053): a key is created only for a log
/// never signed, and a node whose key did not sign the log refuses to sign. The economy is Registry's <see cref="NodeEconomy"/>.
/// </summary>
internal sealed class NodeIdentity : IDisposable
{
    public const string KeySetting = "Node:Key";

    private readonly string? configuredPem;
    private readonly Lock gate = new();
    private ECDsa? key;
    private string? refusal;

    /// <summary>True once the latest signed head in the database verified with this key: the check is not repeated.</summary>
    private bool confirmed;

    public NodeIdentity(NodeEconomy economy, IConfiguration configuration, IHostEnvironment environment)
    {
        Economy = economy.Code;
        var path = configuration["Node:KeyPath"] is { Length: > 0 } p ? p : Path.Combine("data", "node-key.pem");
        KeyPath = environment.DataPath(path);
        configuredPem = configuration[KeySetting] is { Length: > 0 } pem ? pem : null;
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

    /// <summary>Where the key comes from, for people: the setting, or the file.</summary>
    public string KeySource => configuredPem is not null ? $"the setting {KeySetting}" : KeyPath;

    /// <summary>The signing key; throws <see cref="StartupRefusedException"/> when the check against the log refused it.</summary>
    public ECDsa Key
    {
        get
        {
            lock (gate)
            {
                if (refusal is not null)
                {
                    throw new StartupRefusedException(refusal);
                }

                // Checked at every start (NodeKeyStartup); only parts of the app run without a start (tests) come here first.
                return key ??= Given() ?? LoadOrCreate(KeyPath);
            }
        }
    }

    public LogIdentity Log => LogIdentity.Of(Economy, Key);

    /// <summary>Why this node refuses to sign, or null.</summary>
    public string? Refusal
    {
        get
        {
            lock (gate)
            {
                return refusal;
            }
        }
    }

    /// <summary>
    /// Checks the key against the latest signed tree head in <paramref name="db"/> (<see cref="NodeKeyRule"/>): keeps the
    /// key when it signed the log or the log was never signed, creates it for a new node, and otherwise remembers the
    /// refusal, which every later use of the key throws. Once the log verified with the key, later calls read nothing.
    /// </summary>
    public async Task<NodeKeyDecision> CheckAsync(OpenAeoDb db, CancellationToken ct)
    {
        lock (gate)
        {
            if (confirmed)
            {
                return NodeKeyDecision.Sign;
            }
        }

        var row = await db.LogTreeHeads().AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        var latest = row is null ? null : new StoredTreeHead(row.TreeSize, row.RootHash, row.Timestamp, row.Signature);
        lock (gate)
        {
            var given = key ?? Given();
            var decision = NodeKeyRule.Decide(given is null ? null : LogIdentity.Of(Economy, given), latest);
            switch (decision)
            {
                case NodeKeyDecision.Sign:
                    key = given;
                    confirmed = latest is not null;
                    refusal = null;
                    break;
                case NodeKeyDecision.CreateKey:
                    key = LoadOrCreate(KeyPath);
                    refusal = null;
                    break;
                default:
                    refusal = Refuse(decision, given, latest!);
                    if (!ReferenceEquals(given, key))
                    {
                        given?.Dispose();
                    }

                    break;
            }

            return decision;
        }
    }

    /// <summary>Checks (see <see cref="CheckAsync"/>) and throws the refusal when this node may not sign the log in
    /// <paramref name="db"/>.</summary>
    public async Task EnsureMaySignAsync(OpenAeoDb db, CancellationToken ct)
    {
        if (await CheckAsync(db, ct) is NodeKeyDecision.RefuseOtherKey or NodeKeyDecision.RefuseWithoutKey)
        {
            throw new StartupRefusedException(Refusal!);
        }
    }

    /// <summary>The key this node was given (the setting, else the file), or null when there is none.</summary>
    private ECDsa? Given()
    {
        if (configuredPem is null && !File.Exists(KeyPath))
        {
            return null;
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(configuredPem ?? File.ReadAllText(KeyPath));
            return ecdsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new StartupRefusedException($"The node key in {KeySource} is not a PEM private key OpenAeo can read: {e.Message}");
        }
    }

    private string Refuse(NodeKeyDecision decision, ECDsa? given, StoredTreeHead latest)
    {
        var log =
            $"the status log of {Economy} in the database is signed (its latest tree head: {latest.TreeSize} entries, "
            + $"signed at {latest.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)";
        var remedy =
            " This node refuses to sign, so that partners never see two histories of one log: give every node the key "
            + $"that signs it (the same file at Node:KeyPath, or {KeySetting}).";
        return decision == NodeKeyDecision.RefuseWithoutKey
            ? $"This node has no key (no {KeySetting} and no file at {KeyPath}), but {log}; it will not create a key of its own." + remedy
            : $"This node's key (log id {Convert.ToBase64String(LogIdentity.Of(Economy, given!).LogId)}, from {KeySource}) did not "
                + $"sign the log: {log} and does not verify with it."
                + remedy;
    }

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
        lock (gate)
        {
            key?.Dispose();
        }
    }
}
