using System.Security.Cryptography;
using System.Text.Json;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// The public identity of one administration's status log, as its <c>identity</c> endpoint publishes it and as a
/// partner registers it: the economy, the DER SubjectPublicKeyInfo of its ECDSA P-256 signing key, and the log id,
/// which is the SHA-256 of those DER bytes (as a CT log id is the hash of its key, RFC 6962 §3.2).
/// </summary>
public sealed class LogIdentity
{
    /// <summary>The one signature algorithm of the exchange, as <c>identity</c> names it.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private LogIdentity(string economy, byte[] publicKey)
    {
        Economy = economy;
        PublicKey = publicKey;
        LogId = LogIdOf(publicKey);
    }

    public string Economy { get; }

    /// <summary>DER SubjectPublicKeyInfo of the log's signing key.</summary>
    public byte[] PublicKey { get; }

    public byte[] LogId { get; }

    /// <summary>Checks a partner's published identity: a two-letter economy and a P-256 public key.</summary>
    public static Result<LogIdentity> Create(string economy, byte[] publicKeyDer)
    {
        var errors = new List<DomainError>();
        if (!Registry.Economy.IsEconomyCode(economy))
        {
            errors.Add(new("identity.economy", $"'{economy}' is not a two-letter economy code.", "economy"));
        }

        if (!IsP256PublicKey(publicKeyDer))
        {
            errors.Add(new("identity.publicKey", "The public key is not a DER SubjectPublicKeyInfo of an ECDSA P-256 key.", "publicKey"));
        }

        return errors.Count > 0 ? Result<LogIdentity>.Fail(errors) : Result<LogIdentity>.Ok(new LogIdentity(economy, [.. publicKeyDer]));
    }

    /// <summary>The identity of our own log, from the key pair created on first run.</summary>
    public static LogIdentity Of(string economy, ECDsa key)
    {
        EnsureP256(key);
        return new LogIdentity(economy, key.ExportSubjectPublicKeyInfo());
    }

    public static byte[] LogIdOf(ReadOnlySpan<byte> publicKeyDer) => SHA256.HashData(publicKeyDer);

    internal static void EnsureP256(ECDsa key)
    {
        if (!IsP256(key))
        {
            throw new ArgumentException("The exchange signs with ECDSA over NIST P-256 only.", nameof(key));
        }
    }

    /// <summary>Imports a DER public key as P-256, or null when it is something else (another curve, RSA, garbage).</summary>
    internal static ECDsa? ImportP256(ReadOnlySpan<byte> publicKeyDer)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKeyDer, out var read);
            if (read == publicKeyDer.Length && IsP256(key))
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
            // Not an EC SubjectPublicKeyInfo: treated like any other wrong key.
        }

        key.Dispose();
        return null;
    }

    private static bool IsP256PublicKey(ReadOnlySpan<byte> publicKeyDer)
    {
        using var key = ImportP256(publicKeyDer);
        return key is not null;
    }

    private static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }
}

/// <summary>
/// A signed tree head (STH): a log's commitment to its first <see cref="TreeSize"/> entries through their Merkle
/// <see cref="RootHash"/> at <see cref="Timestamp"/>, signed with the log's key (the STH of RFC 6962 §3.5 in the
/// exchange's JSON form, status-exchange.md "Wire format").
/// </summary>
/// <remarks>
/// The signature is ECDSA P-256 over SHA-256 in IEEE P1363 form (r ‖ s, 64 bytes) over <see cref="SigningInput"/>:
/// the UTF-8 RFC 8785 canonical JSON of <c>{ logId, economy, treeSize, rootHash, timestamp }</c>, binary values in
/// base64. A head read from a partner keeps the signing input it was received with, so fields this version does not
/// know, or a timestamp written with another precision, are still covered by the signature exactly as sent.
/// </remarks>
public sealed class SignedTreeHead
{
    public const int SignatureSize = 64;

    /// <summary>A head from its fields; the signing input is the canonical JSON of those fields.</summary>
    public SignedTreeHead(byte[] logId, string economy, long treeSize, byte[] rootHash, DateTimeOffset timestamp, byte[] signature)
        : this(logId, economy, treeSize, rootHash, WireFormat.ToWirePrecision(timestamp), signature, signingInput: null) { }

    private SignedTreeHead(
        byte[] logId,
        string economy,
        long treeSize,
        byte[] rootHash,
        DateTimeOffset timestamp,
        byte[] signature,
        byte[]? signingInput
    )
    {
        LogId = logId;
        Economy = economy;
        TreeSize = treeSize;
        RootHash = rootHash;
        Timestamp = timestamp;
        Signature = signature;
        SigningInput = signingInput ?? CanonicalJson.SerializeObject(UnsignedMembers(logId, economy, treeSize, rootHash, timestamp));
    }

    public byte[] LogId { get; }

    public string Economy { get; }

    public long TreeSize { get; }

    public byte[] RootHash { get; }

    public DateTimeOffset Timestamp { get; }

    public byte[] Signature { get; }

    /// <summary>The exact bytes the signature covers.</summary>
    public byte[] SigningInput { get; }

    /// <summary>Signs the head of our own log with its private key.</summary>
    public static SignedTreeHead Sign(string economy, long treeSize, byte[] rootHash, DateTimeOffset timestamp, ECDsa privateKey)
    {
        LogIdentity.EnsureP256(privateKey);
        var logId = LogIdentity.LogIdOf(privateKey.ExportSubjectPublicKeyInfo());
        var unsigned = new SignedTreeHead(logId, economy, treeSize, rootHash, timestamp, []);
        var signature = privateKey.SignData(
            unsigned.SigningInput,
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );
        return new SignedTreeHead(logId, economy, treeSize, rootHash, unsigned.Timestamp, signature, unsigned.SigningInput);
    }

    /// <summary>Whether the head names the log of this key (its log id is the SHA-256 of the key's DER bytes).</summary>
    public bool IsFromLog(ReadOnlySpan<byte> publicKeyDer) =>
        CryptographicOperations.FixedTimeEquals(LogId, LogIdentity.LogIdOf(publicKeyDer));

    /// <summary>Whether the signature over <see cref="SigningInput"/> verifies with this P-256 public key.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> publicKeyDer)
    {
        if (Signature.Length != SignatureSize)
        {
            return false;
        }

        using var key = LogIdentity.ImportP256(publicKeyDer);
        return key is not null
            && key.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Both checks a partner's head must pass: it names the registered key's log and that key signed it.</summary>
    public bool Verify(ReadOnlySpan<byte> publicKeyDer) => IsFromLog(publicKeyDer) && VerifySignature(publicKeyDer);

    /// <summary>The <c>sth</c> response body: the signed members and <c>signature</c>, canonical JSON.</summary>
    public byte[] ToJson() =>
        CanonicalJson.SerializeObject(
            UnsignedMembers(LogId, Economy, TreeSize, RootHash, Timestamp).Append(new("signature", WireFormat.ToBase64(Signature)))
        );

    public static Result<SignedTreeHead> Parse(ReadOnlyMemory<byte> utf8Json) => WireFormat.ReadJson<SignedTreeHead>(utf8Json, Parse);

    /// <summary>Reads a partner's <c>sth</c> response; the signature is checked separately, with the partner's key.</summary>
    public static Result<SignedTreeHead> Parse(JsonElement sth)
    {
        var json = new JsonObjectReader(sth, "signed tree head");
        var logId = json.RequiredBase64("logId", MerkleTree.HashSize);
        var economy = json.RequiredString("economy");
        var treeSize = json.RequiredInteger("treeSize");
        var rootHash = json.RequiredBase64("rootHash", MerkleTree.HashSize);
        var timestamp = json.RequiredTime("timestamp");
        var signature = json.RequiredBase64("signature");
        if (economy.Length > 0 && !Registry.Economy.IsEconomyCode(economy))
        {
            json.Add("sth.economy", $"'{economy}' is not a two-letter economy code.", "economy");
        }

        if (json.Errors.Count > 0)
        {
            return Result<SignedTreeHead>.Fail(json.Errors);
        }

        if (sth.EnumerateObject().Count(m => m.NameEquals("signature")) > 1)
        {
            return new DomainError("json.duplicate", "'signature' appears twice.", "signature");
        }

        var signingInput = CanonicalJson.Canonicalize(sth, omitMember: "signature");
        return signingInput.IsOk
            ? Result<SignedTreeHead>.Ok(new SignedTreeHead(logId, economy, treeSize, rootHash, timestamp, signature, signingInput.Value))
            : Result<SignedTreeHead>.Fail(signingInput.Errors);
    }

    public override string ToString() => $"{Economy} tree head: {TreeSize} entries, root {Convert.ToHexStringLower(RootHash)}";

    private static IEnumerable<KeyValuePair<string, object?>> UnsignedMembers(
        byte[] logId,
        string economy,
        long treeSize,
        byte[] rootHash,
        DateTimeOffset timestamp
    ) =>
        [
            new("logId", WireFormat.ToBase64(logId)),
            new("economy", economy),
            new("treeSize", treeSize),
            new("rootHash", WireFormat.ToBase64(rootHash)),
            new("timestamp", WireFormat.FormatTime(timestamp)),
        ];
}
