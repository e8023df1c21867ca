using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Persistence;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// ADR 0068: recognition, the public check and lodging read what they rest on from memory, per TIN; a suspension saved
/// here is answered by the very next request, a change made elsewhere once the shared stamp moved and this node read it.
/// </summary>
public sealed class Status_answers_kept_in_memory
{
    private static async Task Suspend(HttpClient officer, string tin)
    {
        var id = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={tin}"))!.Single().Id;
        var suspended = await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Audit finding" });
        suspended.StatusCode.ShouldBe(HttpStatusCode.OK, await suspended.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> Public(OpenAeoApp app, string tin) =>
        (await app.Anonymous().GetAsync($"/api/v1/public/status/{tin}")).StatusCode;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspension_reaches_the_public_check_the_exchange_and_lodging_at_once(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var added = await app.Cli(
            "partners",
            "add",
            "--economy",
            "JP",
            "--url",
            "https://127.0.0.1:9",
            "--public-key",
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            "--api-key",
            "k"
        );
        added.Exit.ShouldBe(0, added.Error);
        var japan = await app.ClientAs(Role.Partner);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        // Asked twice each, so the second answer comes from memory.
        for (var i = 0; i < 2; i++)
        {
            (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
            (await japan.GetFromJsonAsync<JsonElement>($"/exchange/v1/status/{Border.AeoImporter}"))
                .GetProperty("entry")
                .GetProperty("event")
                .GetString()
                .ShouldBe("Granted");
            (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");
        }

        await Suspend(officer, Border.AeoImporter);

        // No clock moved: the save itself made what was kept stale.
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.NotFound);
        (await japan.GetFromJsonAsync<JsonElement>($"/exchange/v1/status/{Border.AeoImporter}"))
            .GetProperty("entry")
            .GetProperty("event")
            .GetString()
            .ShouldBe("Suspended");
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldNotBe("LocalAeo");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_change_made_elsewhere_counts_once_the_stamp_moves_and_this_node_reads_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var check = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.VersionCheckSeconds);
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");

        // Changed behind this node's back without the stamp (no save through OpenAeo does that): what is kept is served.
        // Here the certificate passes to the other importer.
        var (tin, other) = (Tin.Parse(Border.AeoImporter).Value, Tin.Parse(Border.OtherImporter).Value);
        await app.WithDb(db =>
            db.Certificates().Where(c => c.OperatorTin == tin).ExecuteUpdateAsync(u => u.SetProperty(c => c.OperatorTin, other))
        );
        app.Clock.Advance(check);
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");

        // Another node's save moves the stamp in its transaction: this node sees it at its next check and reads again.
        await app.WithDb(db => db.Set<CachedDataStampRow>().ExecuteUpdateAsync(u => u.SetProperty(r => r.Stamp, r => r.Stamp + 1)));
        app.Clock.Advance(check);
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.NotFound);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldNotBe("LocalAeo");
    }
}
