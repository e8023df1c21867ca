using System.Security.Cryptography;
using System.Text;

namespace OpenAeo.Domain.Shared.Webhooks;

/// <summary>
/// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is <c>whsec_</c> and the base64 of its key
/// bytes; the signature is <c>v1,</c> and the base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// Receivers verify it with any Standard Webhooks library, or with the few lines in the README.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>Key bytes of a new secret: 32, as long as the HMAC's output.</summary>
    public const int SecretBytes = 32;

    /// <summary>A secret in the <c>whsec_</c> form from random key bytes (the caller draws them).</summary>
    public static string Secret(ReadOnlySpan<byte> key) => SecretPrefix + Convert.ToBase64String(key);

    /// <summary>The key bytes of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 24 and <= 64 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>webhook-signature</c> header's value for one delivery attempt.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret));
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}

/// <summary>
/// When a failed delivery is tried again: the Standard Webhooks reference schedule (immediately, then 5 s, 5 min,
/// 30 min, 2 h, 5 h, 10 h, 10 h), each wait stretched or shrunk by up to a fifth at random so that receivers that
/// come back after an outage are not hit by every sender at the same second. After the last attempt the delivery
/// has failed (it can still be replayed by hand).
/// </summary>
public static class WebhookRetries
{
    public static readonly IReadOnlyList<TimeSpan> Waits =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Attempts in all, the first included.</summary>
    public static int MaxAttempts => Waits.Count + 1;

    /// <summary>
    /// When to try again after <paramref name="attemptsMade"/> failed attempts, or null when that was the last;
    /// <paramref name="jitter"/> is a random number in [0, 1).
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attemptsMade, DateTimeOffset now, double jitter)
    {
        if (attemptsMade < 1 || attemptsMade >= MaxAttempts)
        {
            return null;
        }

        var factor = 0.8 + (0.4 * Math.Clamp(jitter, 0, 1));
        return now + TimeSpan.FromMilliseconds(Waits[attemptsMade - 1].TotalMilliseconds * factor);
    }
}
