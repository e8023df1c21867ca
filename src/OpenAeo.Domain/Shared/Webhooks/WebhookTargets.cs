using System.Net;
using System.Net.Sockets;

namespace OpenAeo.Domain.Shared.Webhooks;

/// <summary>What a deployment allows webhook targets to be (ADR 0037).</summary>
/// <param name="AllowPlainHttp"><c>http://</c> as well as <c>https://</c>: a closed test network.</param>
/// <param name="AllowPrivateNetworks">Loopback, private, link-local and other non-public addresses.</param>
public sealed record WebhookTargetRules(bool AllowPlainHttp, bool AllowPrivateNetworks);

/// <summary>
/// Where OpenAeo may post: an administrator's URL is checked before it is saved, and each address it resolves to is
/// checked again when the dispatcher connects, so a name that later points into the customs network (or the cloud's
/// metadata address) is refused too. Without that, a webhook is a way to make the server call its own neighbours.
/// </summary>
public static class WebhookTargets
{
    public static Result<Uri> Check(string? url, WebhookTargetRules rules, string field = "url")
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return new DomainError("webhook.url", "The URL must be absolute, e.g. https://hooks.example.org/openaeo.", field);
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && rules.AllowPlainHttp))
        {
            return new DomainError(
                "webhook.url-scheme",
                rules.AllowPlainHttp
                    ? "The URL must start with https:// or http://."
                    : "The URL must start with https:// (Webhooks:AllowPlainHttp allows http:// on a closed test network).",
                field
            );
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return new DomainError(
                "webhook.url",
                "The URL may not hold a user name, a password or a fragment; the signature authenticates OpenAeo to the receiver.",
                field
            );
        }

        var host = uri.IdnHost.Trim('[', ']');
        var isLocalName =
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (!rules.AllowPrivateNetworks && (isLocalName || (IPAddress.TryParse(host, out var address) && !IsPublic(address))))
        {
            return new DomainError(
                "webhook.url-private",
                $"{uri.Host} is not a public address; Webhooks:AllowPrivateNetworks allows receivers on private networks.",
                field
            );
        }

        return Result<Uri>.Ok(uri);
    }

    /// <summary>False for loopback, private, carrier-grade NAT, link-local (cloud metadata), multicast, unspecified and documentation
    /// ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (
            IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.Any)
            || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.None)
        )
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(
                b[0] is 0 or 10 or 127
                || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)
            );
        }

        var v6 = address.GetAddressBytes();
        return !(
            address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8)
        );
    }
}
