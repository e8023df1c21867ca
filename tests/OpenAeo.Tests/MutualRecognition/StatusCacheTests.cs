using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// ADR 0068: recognition, the public check and lodging read what they rest on from memory, per TIN; a suspension saved
/// here is answered by the very next request, a change made elsewhere within <c>Caching:KeptSeconds</c>, and a
/// certificate's save writes nothing every other writer would wait for.
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
            ExchangeSetUp.AddPartner("JP", "https://127.0.0.1:9", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), "k")
        );
        added.Exit.ShouldBe(0, added.Error);
        var japan = await app.ClientAs(Role.Partner);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        // Asked twice each, so the second answer comes from memory.
        for (var i = 0; i < 2; i++)
        {
            (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
            (await japan.Get<IndexedEntry>($"/exchange/v1/status/{Border.AeoImporter}")).Status.Event.ShouldBe(StatusEvent.Granted);
            (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");
        }

        await Suspend(officer, Border.AeoImporter);

        // No clock moved: the save itself made what was kept stale.
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.NotFound);
        (await japan.Get<IndexedEntry>($"/exchange/v1/status/{Border.AeoImporter}")).Status.Event.ShouldBe(StatusEvent.Suspended);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldNotBe("LocalAeo");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_certificate_change_made_elsewhere_counts_once_what_was_kept_is_too_old(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var options = app.Services.GetRequiredService<IOptions<CachingOptions>>().Value;
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");

        // Another node's change, which this process cannot see being saved: the certificate passes to the other importer.
        var (tin, other) = (Tin.Parse(Border.AeoImporter).Value, Tin.Parse(Border.OtherImporter).Value);
        await app.WithDb(db =>
            db.Certificates().Where(c => c.OperatorTin == tin).ExecuteUpdateAsync(u => u.SetProperty(c => c.OperatorTin, other))
        );

        // Within the time an entry is kept, what was read is served (the stamp check passes too: nothing moved it).
        app.Clock.Advance(TimeSpan.FromSeconds(Math.Min(options.VersionCheckSeconds, options.KeptSeconds / 2)));
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.OK);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldBe("LocalAeo");

        // Once that time is up, it is read again.
        app.Clock.Advance(TimeSpan.FromSeconds(options.KeptSeconds));
        (await Public(app, Border.AeoImporter)).ShouldBe(HttpStatusCode.NotFound);
        (await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter))).PrincipalStatus.ShouldNotBe("LocalAeo");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspension_writes_no_shared_stamp_that_other_writers_would_wait_for(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await Border.Open(app);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        async Task<long> Stamp() => await app.WithDb(db => db.Set<CachedDataStampRow>().Select(r => r.Stamp).SingleAsync());
        var before = await Stamp();
        var generation = app.Services.GetRequiredService<CachedDataVersion>().Generation;

        await Suspend(officer, Border.AeoImporter);

        (await Stamp()).ShouldBe(before);
        app.Services.GetRequiredService<CachedDataVersion>().Generation.ShouldBeGreaterThan(generation);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_party_whose_size_changed_here_is_classed_anew_by_the_next_lodging(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var admin = await app.ClientAs(Role.Admin);
        async Task<bool> LodgedAsSme()
        {
            var lodged = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter));
            return await app.WithDb(db => db.Declarations().Where(d => d.Id == lodged.Id).Select(d => d.PrincipalSme).SingleAsync());
        }

        // Twice, so the second lodging reads the party from memory.
        (await LodgedAsSme()).ShouldBeTrue("8 employees");
        (await LodgedAsSme()).ShouldBeTrue("8 employees, kept");

        var grown = await admin.PutAsJsonAsync(
            $"/api/v1/operators/{Border.OtherImporter}",
            new
            {
                tin = Border.OtherImporter,
                legalName = "Small Goods Trading",
                economy = "TW",
                roles = new[] { "Importer" },
                employees = 900,
                consentToExchange = true,
                reason = "Merged with a larger group",
            }
        );
        grown.StatusCode.ShouldBe(HttpStatusCode.OK, await grown.Content.ReadAsStringAsync());

        // No clock moved: the operator's save made what was kept stale.
        (await LodgedAsSme()).ShouldBeFalse("900 employees");
    }
}
