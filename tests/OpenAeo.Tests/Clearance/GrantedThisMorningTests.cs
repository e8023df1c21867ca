using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Tests.Certification;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// Issue 10, item 1's "done means": a Chinese Taipei AEO granted in the morning, Taipei time, gets its credit at the
/// border on a declaration lodged minutes later — also before 08:00, when Taipei's day has begun and UTC's has not.
/// </summary>
public class An_aeo_granted_this_morning
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gets_its_credit_on_a_declaration_lodged_minutes_later(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var eight = await Applicant.Register(app, "TW20000008", roles: ["Importer"]);
        var seven = await Applicant.Register(app, "TW20000007", roles: ["Importer"], officer: eight.Officer);
        var eightId = await eight.Validated();
        var sevenId = await seven.Validated();

        var credits = new Dictionary<string, DeclarationResponse>();
        foreach (var (applicant, id, day, hour) in new[] { (eight, eightId, 10, 8), (seven, sevenId, 11, 7) })
        {
            app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, day, hour, 0, 0, Taipei).ToUniversalTime());
            var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { });
            var certificate = await applicant.Trader.Get<CertificateResponse>($"/api/v1/certificates/{granted.Decision.CertificateId}");
            certificate.ValidFrom.ShouldBe(new DateOnly(2026, 3, day));

            app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, day, hour, 5, 0, Taipei).ToUniversalTime());
            credits[applicant.Tin] = await Border.Lodge(border.Officer, Border.Declaration(applicant.Tin, reference: $"MORNING-{hour}"));
        }

        foreach (var (tin, lodged) in credits)
        {
            lodged.PrincipalStatus.ShouldBe("LocalAeo", tin);
            lodged.Explanation.Credits.ShouldContain(c => c.Kind == CreditKind.LocalAeo && c.Tin == tin, tin);
        }
    }
}
