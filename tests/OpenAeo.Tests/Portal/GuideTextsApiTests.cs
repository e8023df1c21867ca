using OpenAeo.Domain.Registry;
using OpenAeo.Portal;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 5: a programme rewrites a criterion's guide per language; the guide, the self-check and the application read
/// it.</summary>
public sealed class The_programmes_own_guide_texts
{
    private const string ShippedLooksFor =
        "A clean record, or offences that were minor, disclosed and followed by a change that stops them happening again.";

    private static async Task<ReadinessCriterionResponse> Comp1(HttpClient client, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/readiness")
        {
            Content = JsonContent.Create(
                new
                {
                    programme = "TW",
                    roles = new[] { "Exporter" },
                    employees = 40,
                    answers = new[] { new { criterion = "COMP-1", answer = "No" } },
                }
            ),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await client.SendAsync(request);
        return (await answer.Read<ReadinessResponse>(200)).Criteria.Single(c => c.Code == "COMP-1");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_rewrites_a_guide_in_one_language_and_the_self_check_and_guide_read_it_until_it_is_restored(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer, name: "officer-wu");
        var anyone = app.Anonymous();

        var written = await officer.PutAsJsonAsync(
            "/api/v1/programmes/tw/guides/comp-1/ES",
            new
            {
                looksFor = "Un historial limpio ante la aduana de Taipéi, o faltas leves ya corregidas.",
                question = "  ",
                reason = "our own wording",
            }
        );
        written.StatusCode.ShouldBe(HttpStatusCode.OK, await written.Content.ReadAsStringAsync());
        var stored = await written.Read<GuideOverrideResponse>();
        stored.Criterion.ShouldBe("COMP-1");
        stored.Language.ShouldBe("es");
        stored.Question.ShouldBeNull();

        var spanish = await Comp1(anyone, "es");
        spanish.LooksFor.ShouldBe("Un historial limpio ante la aduana de Taipéi, o faltas leves ya corregidas.");
        spanish.Question!.ShouldContain(
            "¿su empresa no ha tenido infracciones",
            customMessage: "the shipped question stays where the programme wrote none"
        );
        (await Comp1(anyone, "en")).LooksFor.ShouldBe(ShippedLooksFor);

        using (var page = new HttpRequestMessage(HttpMethod.Get, "/guides/TW"))
        {
            page.Headers.AcceptLanguage.ParseAdd("es");
            WebUtility
                .HtmlDecode(await (await anyone.SendAsync(page)).Content.ReadAsStringAsync())
                .ShouldContain("Un historial limpio ante la aduana de Taipéi");
        }

        var rewritten = await officer.PutAsJsonAsync(
            "/api/v1/programmes/TW/guides/COMP-1/es",
            new { evidence = "Un certificado de la agencia tributaria." }
        );
        rewritten.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Comp1(anyone, "es")).Evidence.ShouldBe("Un certificado de la agencia tributaria.");

        (await officer.DeleteAsync("/api/v1/programmes/TW/guides/COMP-1/es?reason=back%20to%20the%20shipped%20text")).StatusCode.ShouldBe(
            HttpStatusCode.NoContent
        );
        (await Comp1(anyone, "es")).LooksFor!.ShouldNotContain("Taipéi");
        (await officer.DeleteAsync("/api/v1/programmes/TW/guides/COMP-1/es")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var audit = await app.WithDb(db => db.AuditEntries().Where(e => e.Action.StartsWith("guide.")).OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe(["guide.written", "guide.rewritten", "guide.restored"]);
        audit.ShouldAllBe(e => e.Actor == "officer-wu" && e.Subject == "programme:TW/guide:COMP-1/es");
        audit[2].Reason.ShouldBe("back to the shipped text");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refuses_a_criterion_the_packs_do_not_ask_a_language_without_pages_empty_words_and_traders(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var refused = await officer.PutAsJsonAsync("/api/v1/programmes/TW/guides/NOPE-9/fr", new { looksFor = " " });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Read<Problem>()).Errors!.Keys.ShouldBe(["criterion", "language", "looksFor"], ignoreOrder: true);
        (await officer.PutAsJsonAsync("/api/v1/programmes/XX/guides/COMP-1/es", new { looksFor = "x" })).StatusCode.ShouldBe(
            HttpStatusCode.NotFound
        );

        await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "Formosa",
                economy = "TW",
                roles = new[] { "Importer" },
            }
        );
        var trader = await app.ClientAs(Role.Trader, "TW1");
        (await trader.PutAsJsonAsync("/api/v1/programmes/TW/guides/COMP-1/es", new { looksFor = "Mine." })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await app.Anonymous().PutAsJsonAsync("/api/v1/programmes/TW/guides/COMP-1/es", new { looksFor = "Mine." })).StatusCode.ShouldBe(
            HttpStatusCode.Unauthorized
        );
        (await app.WithDb(db => db.Set<OpenAeo.Domain.Certification.GuideOverride>().CountAsync())).ShouldBe(0);
    }
}
