namespace OpenAeo.Domain.MutualRecognition;

public enum PartnerHealth
{
    New,
    Healthy,
    Diverged,
    Unreachable,

    /// <summary>No longer replicated and refused at our exchange; the replica and its provenance are kept (ADR 0010).</summary>
    Retired,
}

/// <summary>
/// A partner's terms after the checks: economy, URL, log key, our API key at its node (null = unchanged) and the MRA
/// (null = data-sharing).
/// </summary>
public sealed record PartnerTerms(string Economy, string Url, byte[] PublicKey, string? ApiKey, int? MraId)
{
    /// <summary>Longer than any key we know of; its encrypted form must fit the column.</summary>
    public const int MaxApiKeyLength = 500;

    /// <summary>The setting that lets a closed test network use http:// partners; named in the refusal.</summary>
    public const string AllowPlainHttpSetting = "Exchange:AllowPlainHttp";

    /// <summary>
    /// The checks of a partner's terms as a person or a file states them. <paramref name="agreement"/> is the MRA the
    /// request named or the registry found between the two economies (null = data-sharing), or the error naming it.
    /// </summary>
    public static Result<PartnerTerms> Check(
        string economy,
        string? url,
        string? publicKey,
        string? apiKey,
        bool apiKeyRequired,
        Result<int?> agreement,
        string ownEconomy,
        bool allowPlainHttp
    )
    {
        var errors = new List<DomainError>();
        if (!Registry.Economy.IsEconomyCode(economy))
        {
            errors.Add(new("partner.economy", "The partner's economy must be its two-letter code.", "economy"));
        }
        else if (economy == ownEconomy)
        {
            errors.Add(new("partner.economy", $"{economy} is this node's own economy.", "economy"));
        }

        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            errors.Add(new("partner.url", "The partner's base URL must be an absolute https:// URL.", "url"));
        }
        else if (parsed.Scheme == "http" && !allowPlainHttp)
        {
            errors.Add(
                new(
                    "partner.url",
                    "The partner's base URL must be https://: over plain HTTP our API key at its node and the "
                        + $"status log would cross the network in the clear ({AllowPlainHttpSetting}=true allows http:// "
                        + "on a closed test network).",
                    "url"
                )
            );
        }

        if (
            !WireFormat.TryParseBase64(publicKey?.Trim(), out var key)
            || !LogIdentity.Create(Registry.Economy.IsEconomyCode(economy) ? economy : "XX", key).IsOk
        )
        {
            errors.Add(
                new(
                    "partner.publicKey",
                    "The public key is the base64 DER SubjectPublicKeyInfo of a P-256 key, as the partner's identity shows it.",
                    "publicKey"
                )
            );
        }

        if (apiKeyRequired && string.IsNullOrWhiteSpace(apiKey))
        {
            errors.Add(new("partner.apiKey", "The API key the partner issued to us is required.", "apiKey"));
        }
        else if (apiKey?.Trim() is { Length: > MaxApiKeyLength })
        {
            errors.Add(new("partner.apiKey", $"An API key has at most {MaxApiKeyLength} characters.", "apiKey"));
        }

        errors.AddRange(agreement.Errors);
        return errors.Count > 0
            ? Result<PartnerTerms>.Fail(errors)
            : Result<PartnerTerms>.Ok(
                new PartnerTerms(
                    economy,
                    url!.Trim().TrimEnd('/'),
                    key,
                    string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
                    agreement.Value
                )
            );
    }
}

/// <summary>What a registration or a change did, for the audit trail (never the API key itself).</summary>
/// <param name="ReplicaRestarted">A new log key: the replica of the old log was dropped and replication starts again.</param>
public sealed record AppliedTerms(string Url, string LogId, string Agreement, bool ApiKeyChanged, bool ReplicaRestarted);

/// <summary>What a retirement ended, for the audit trail.</summary>
public sealed record PartnerRetirement(string Agreement, long TreeSize, PartnerHealth HealthBefore);

/// <summary>
/// A partner administration whose log we replicate, and our verified replica state of it. Its lifecycle (register,
/// change, retire, a failed round) is decided here; the app loads it, calls one method and saves. The verified replica
/// state a successful round stores is a compare-and-set in the database (the replicator's <c>ApplyAsync</c>), not a
/// method, because it must not overwrite a change made while the round ran.
/// </summary>
/// <remarks>
/// The stored terms can be stated with an initialiser (<c>init</c>), as tests and seeders do for a partner as it was
/// stored; after that only the methods change them. EF Core reads and writes the fields.
/// </remarks>
public sealed class Partner
{
    /// <summary>The longest back-off after failed rounds: a partner down for a day is asked a few times an hour, not every
    /// second.</summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(6);

    /// <summary>The longest error kept (the column's size).</summary>
    public const int MaxErrorLength = 4000;

    private string baseUrl = "";
    private byte[] publicKey = [];
    private string protectedApiKey = "";
    private int? mraId;
    private long treeSize;

    public string Economy { get; init; } = "";

    public string BaseUrl
    {
        get => baseUrl;
        init => baseUrl = value;
    }

    /// <summary>DER SubjectPublicKeyInfo of the partner's log key.</summary>
    public byte[] PublicKey
    {
        get => publicKey;
        init => publicKey = value;
    }

    /// <summary>
    /// The key we present at the partner's node, encrypted by the app: it is theirs to revoke and we must be able to
    /// send it, so it cannot be hashed.
    /// </summary>
    public string ProtectedApiKey
    {
        get => protectedApiKey;
        init => protectedApiKey = value;
    }

    /// <summary>The MRA that links us; null for a data-sharing arrangement.</summary>
    public int? MraId
    {
        get => mraId;
        init => mraId = value;
    }

    public int? DataSharingId { get; private set; }

    public PartnerHealth Health { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? LastSuccessAt { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public int Failures { get; private set; }

    /// <summary>The last verified signed tree head as served (JSON); null before the first round.</summary>
    public string? VerifiedTreeHead { get; private set; }

    public long TreeSize
    {
        get => treeSize;
        init => treeSize = value;
    }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>For people and the audit trail: <c>MRA-3</c> or <c>data-sharing</c>.</summary>
    public string Agreement => MraId is { } id ? $"MRA-{id}" : "data-sharing";

    public bool IsRetired => Health == PartnerHealth.Retired;

    /// <summary>
    /// The partner a registration applies its terms to: a new one, or the one already registered (a retired partner
    /// is taken back into replication, its replica kept unless the key changes).
    /// </summary>
    public static Partner Registering(Partner? registered, string economy, DateTimeOffset now)
    {
        if (registered is null)
        {
            return new Partner
            {
                Economy = economy,
                CreatedAt = now,
                Health = PartnerHealth.New,
            };
        }

        if (registered.IsRetired)
        {
            registered.Health = PartnerHealth.New;
        }

        return registered;
    }

    /// <summary>Whether a change may be made: not to a retired partner (it is registered again), never to its economy.</summary>
    public Result<Partner> CheckChange(string? namedEconomy)
    {
        if (IsRetired)
        {
            return new DomainError(
                "partner.closed",
                $"{Economy} is retired; register it again (POST /api/v1/partners) to resume the exchange."
            );
        }

        if (namedEconomy is { Length: > 0 } named && !string.Equals(named.Trim(), Economy, StringComparison.OrdinalIgnoreCase))
        {
            return new DomainError(
                "partner.economy",
                "A partner's economy cannot be changed; register the other economy as a partner of its own.",
                "economy"
            );
        }

        return Result<Partner>.Ok(this);
    }

    /// <summary>Whether the terms call for a new data-sharing arrangement: no MRA and none recorded yet.</summary>
    public bool NeedsDataSharingArrangement(PartnerTerms terms) => terms.MraId is null && DataSharingId is null;

    /// <summary>
    /// Takes the checked terms. A new key is another log, so the replica of the old one cannot be extended: the verified
    /// state is dropped (the caller deletes the replica's rows when <see cref="AppliedTerms.ReplicaRestarted"/>). A
    /// data-sharing partner keeps its arrangement; <paramref name="newArrangementId"/> is the one created when
    /// <see cref="NeedsDataSharingArrangement"/> said so. <paramref name="protectedApiKey"/> is null when the key is unchanged.
    /// </summary>
    public AppliedTerms Apply(PartnerTerms terms, string? protectedApiKey, int? newArrangementId)
    {
        var restarted = false;
        if (publicKey.Length > 0 && !publicKey.AsSpan().SequenceEqual(terms.PublicKey))
        {
            VerifiedTreeHead = null;
            treeSize = 0;
            Health = IsRetired ? PartnerHealth.Retired : PartnerHealth.New;
            restarted = true;
        }

        baseUrl = terms.Url;
        publicKey = terms.PublicKey;
        if (protectedApiKey is not null)
        {
            this.protectedApiKey = protectedApiKey;
        }

        mraId = terms.MraId;
        DataSharingId = terms.MraId is null ? DataSharingId ?? newArrangementId : null;
        NextAttemptAt = null;
        return new AppliedTerms(
            BaseUrl,
            WireFormat.ToBase64(LogIdentity.LogIdOf(terms.PublicKey)),
            Agreement,
            protectedApiKey is not null,
            restarted
        );
    }

    /// <summary>The app re-encrypts a key stored in plain text by an earlier version (ADR 0018).</summary>
    public void ReplaceProtectedApiKey(string protectedKey) => protectedApiKey = protectedKey;

    /// <summary>
    /// Ends the exchange without erasing what the partner told us (ADR 0010): replication stops and the replica stays;
    /// the reason is required because it goes into the audit trail.
    /// </summary>
    public Result<PartnerRetirement> Retire(string? reason)
    {
        if (IsRetired)
        {
            return new DomainError("partner.closed", $"{Economy} is already retired.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError(
                "partner.reason",
                "Say why the exchange with this partner ends; the reason goes into the audit trail.",
                "reason"
            );
        }

        var before = Health;
        Health = PartnerHealth.Retired;
        NextAttemptAt = null;
        return Result<PartnerRetirement>.Ok(new PartnerRetirement(Agreement, TreeSize, before));
    }

    /// <summary>Whether a replication round may be run now on request.</summary>
    public Result<Partner> CheckPull() =>
        IsRetired
            ? new DomainError("partner.closed", $"{Economy} is retired: it is no longer replicated. Register it again to resume.")
            : Result<Partner>.Ok(this);

    /// <summary>
    /// Records a failed round: the health it leaves the partner in, the error, and the next attempt after an exponential
    /// back-off from 30 seconds, capped at <see cref="MaxBackOff"/>. True when admins are told: on a divergence (the
    /// partner's log contradicts what we verified) and on the first failure of a kind, not on every retry.
    /// </summary>
    public bool RecordFailure(PartnerHealth health, string error, DateTimeOffset now)
    {
        if (health is not (PartnerHealth.Diverged or PartnerHealth.Unreachable))
        {
            throw new ArgumentOutOfRangeException(nameof(health), health, "A failed round leaves a partner diverged or unreachable.");
        }

        var changed = Health != health;
        Health = health;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        Failures++;
        LastAttemptAt = now;
        NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, 30 * Math.Pow(2, Math.Min(Failures - 1, 20))));
        return health == PartnerHealth.Diverged || changed;
    }
}
