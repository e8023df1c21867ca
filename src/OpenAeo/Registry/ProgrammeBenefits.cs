using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>A benefit's words in one language, as the API and the officers' page send them.</summary>
public sealed record BenefitTextRequest(
    [Limit(nameof(Limits.Keyword))] string? Language,
    [Limit(nameof(Limits.Label))] string? Title,
    [Limit(nameof(Limits.Note))] string? Description
);

/// <summary>
/// A customs or SME benefit of a programme as an officer writes it. <c>kind</c> <c>Customs</c> or <c>Sme</c>;
/// <c>family</c> one of the report's families; <c>roles</c> and <c>tiers</c> empty for every role and tier; <c>places</c>
/// among <c>Import</c>, <c>Export</c>, <c>Transit</c>, <c>Application</c>; <c>delivery</c> <c>Procedure</c>,
/// <c>LaneCredit</c> or <c>ExpeditedClock</c>; <c>texts</c> one per language, English required.
/// </summary>
public sealed record BenefitRequest(
    [Limit(nameof(Limits.Keyword))] string? Kind,
    [Limit(nameof(Limits.Keyword))] string? Family,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Roles,
    [Limit(nameof(Limits.Tier))] IReadOnlyList<string>? Tiers,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Places,
    [Limit(nameof(Limits.Keyword))] string? Delivery,
    IReadOnlyList<BenefitTextRequest>? Texts,
    [Limit(nameof(Limits.Reason))] string? Reason
)
{
    internal Result<BenefitDefinition> ToDefinition()
    {
        var errors = new List<DomainError>();
        var kind = ParseEnum<BenefitKind>(Kind, "kind", errors);
        var family = ParseEnum<BenefitFamily>(Family, "family", errors);
        var delivery = Delivery is null ? BenefitDelivery.Procedure : ParseEnum<BenefitDelivery>(Delivery, "delivery", errors);
        var roles = OperatorRoles.None;
        foreach (var name in Roles ?? [])
        {
            if (OperatorRoleNames.ParseOne(name) is { } role)
            {
                roles |= role;
            }
            else
            {
                errors.Add(
                    new(
                        "benefit.roles",
                        $"'{name}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}.",
                        "roles"
                    )
                );
            }
        }

        var places = BenefitPlaces.None;
        foreach (var name in Places ?? [])
        {
            if (
                Enum.TryParse<BenefitPlaces>(name, ignoreCase: true, out var place)
                && place != BenefitPlaces.None
                && Enum.IsDefined(place)
                && !int.TryParse(name, out _)
            )
            {
                places |= place;
            }
            else
            {
                errors.Add(
                    new(
                        "benefit.places",
                        $"'{name}' is not a place; use {string.Join(", ", Enum.GetNames<BenefitPlaces>().Skip(1))}.",
                        "places"
                    )
                );
            }
        }

        if (errors.Count > 0)
        {
            return Result<BenefitDefinition>.Fail(errors);
        }

        return Result<BenefitDefinition>.Ok(
            new BenefitDefinition(
                kind,
                family,
                roles,
                [.. (Tiers ?? []).Where(t => !string.IsNullOrWhiteSpace(t))],
                places,
                delivery,
                [.. (Texts ?? []).Select(t => new BenefitText(t.Language ?? "", t.Title ?? "", t.Description ?? ""))]
            )
        );
    }

    private static T ParseEnum<T>(string? text, string field, List<DomainError> errors)
        where T : struct, Enum
    {
        if (
            text is not null
            && !int.TryParse(text, out _)
            && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value)
            && Enum.IsDefined(value)
        )
        {
            return value;
        }

        errors.Add(
            new(
                $"benefit.{field}",
                $"{(text is null ? $"{field} is required" : $"'{text}' is not a {field}")}; use one of "
                    + $"{string.Join(", ", Enum.GetNames<T>())}.",
                field
            )
        );
        return default;
    }
}

/// <summary>A benefit as the officers' API answers it: everything stored, every language.</summary>
public sealed record ProgrammeBenefitResponse(
    int Id,
    string Programme,
    string Kind,
    string Family,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Places,
    string Delivery,
    IReadOnlyList<BenefitText> Texts,
    DateTimeOffset UpdatedAt
)
{
    internal static ProgrammeBenefitResponse From(ProgrammeBenefit b) =>
        new(
            b.Id,
            b.ProgrammeCode,
            b.Kind.ToString(),
            b.Family.ToString(),
            [.. OperatorRoleNames.Split(b.Roles).Select(r => r.ToString())],
            b.Tiers,
            PlaceNames(b.Places),
            b.Delivery.ToString(),
            b.Texts,
            b.UpdatedAt
        );

    internal static IReadOnlyList<string> PlaceNames(BenefitPlaces places) =>
        [.. Enum.GetValues<BenefitPlaces>().Where(p => p != BenefitPlaces.None && places.HasFlag(p)).Select(p => p.ToString())];
}

internal static class ProgrammeBenefits
{
    public static DbSet<ProgrammeBenefit> Benefits(this OpenAeoDb db) => db.Set<ProgrammeBenefit>();

    /// <summary>The languages a benefit's words may be in: those the pages are complete in, English first.</summary>
    public static IReadOnlyList<string> Languages => [.. OpenAeo.Platform.Localization.Languages.Supported.Select(l => l.Code)];

    public static async Task<Programme?> FindProgrammeAsync(OpenAeoDb db, string code, CancellationToken ct)
    {
        var key = code.Trim().ToUpperInvariant();
        return await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == key, ct);
    }

    /// <summary>Only programme officers and administrators edit the catalogue (the API's policy says the same; the pages and the
    /// CLI call the use cases directly).</summary>
    public static DomainError? EditRefused(Actor actor) =>
        RegistryPermissions.ReferenceDataEditors.Contains(actor.Role)
            ? null
            : new DomainError(Problems.ForbiddenCode, "Only programme officers and administrators edit a programme's benefits.");
}

internal sealed class ProgrammeBenefitMapping : IEntityTypeConfiguration<ProgrammeBenefit>
{
    public void Configure(EntityTypeBuilder<ProgrammeBenefit> b)
    {
        b.ToTable("registry_programme_benefits");
        b.HasKey(x => x.Id);
        b.Property(x => x.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(x => x.Roles).HasConversion<int>();
        b.Property(x => x.Places).HasConversion<int>();
        b.Property(x => x.Tiers).AsJson();
        b.Property(x => x.Texts).AsJson();
        b.HasIndex(x => x.ProgrammeCode);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Definition);
    }
}
