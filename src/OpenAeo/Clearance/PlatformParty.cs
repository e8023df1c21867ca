using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>The e-commerce platform a declaration names (ADR 0043): read from the request's <c>platformTin</c>, and only a registered
/// operator.</summary>
internal static class PlatformParty
{
    public const string Field = "platformTin";

    /// <summary>Adds the platform to the parties, or says by field why its TIN is not one.</summary>
    public static void Add(string? platformTin, List<DeclarationParty> parties, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(platformTin))
        {
            return;
        }

        var tin = Tin.Parse(platformTin);
        if (tin.IsOk)
        {
            parties.Add(new DeclarationParty(PartyRole.EcommercePlatform, tin.Value));
        }
        else
        {
            errors.Add(new("declaration.platform-tin", $"The platform: {tin.Errors[0].Message}", Field));
        }
    }

    /// <summary>A platform must be an operator in the registry: benefits rest on its certificate and its merchant links.</summary>
    public static async Task<DomainError?> Unregistered(OpenAeoDb db, DeclarationDetails d, CancellationToken ct)
    {
        if (d.Party(PartyRole.EcommercePlatform) is not { } platform || await db.Operators().AnyAsync(o => o.Tin == platform.Tin, ct))
        {
            return null;
        }

        return new DomainError("declaration.platform-unknown", $"The platform {platform.Tin} is not an operator in the registry.", Field);
    }

    /// <summary>Remembers the first row naming each platform of a file, with the error it gets if the platform is not registered.</summary>
    public static void Note(DeclarationDetails d, CsvInput input, Dictionary<string, FileError> platforms)
    {
        if (d.Party(PartyRole.EcommercePlatform) is { } platform)
        {
            platforms.TryAdd(
                platform.Tin.Value,
                input.Error("platform_tin", $"the platform {platform.Tin} is not an operator in the registry")
            );
        }
    }

    /// <summary>The noted platforms the registry does not know, each at the first row that names it.</summary>
    public static async Task<IEnumerable<FileError>> UnregisteredIn(
        OpenAeoDb db,
        Dictionary<string, FileError> platforms,
        CancellationToken ct
    )
    {
        if (platforms.Count == 0)
        {
            return [];
        }

        var tins = platforms.Keys.Select(t => Tin.FromTrusted(t)).ToList();
        var known = (await db.Operators().Where(o => tins.Contains(o.Tin)).Select(o => o.Tin).ToListAsync(ct))
            .Select(t => t.Value)
            .ToHashSet();
        return platforms.Where(p => !known.Contains(p.Key)).Select(p => p.Value);
    }
}
