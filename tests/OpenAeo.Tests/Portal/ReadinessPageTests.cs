using OpenAeo.Portal;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 3: the self-check pages — a profile, one criterion a screen with progress, and the address as the save.</summary>
public sealed class The_self_check_pages
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ask_one_criterion_a_screen_keep_every_answer_in_the_link_and_end_with_the_result(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var start = WebUtility.HtmlDecode(await anyone.GetStringAsync("/readiness/TW"));
        start.ShouldContain("Could my company become an AEO?");
        start.ShouldContain("<label for=\"role-Exporter\">");

        var first = WebUtility.HtmlDecode(
            await anyone.GetStringAsync("/readiness/TW?role=Exporter&role=Manufacturer&employees=40&sector=&a=&step=1")
        );
        // A manufacturer is also asked how its production line is protected (issue 14 item 1): 18 questions and CARGO-4.
        first.ShouldContain("Question 1 of 19");
        first.ShouldContain("In the last three years, has your company had no customs or tax offences");

        // Answering sends the browser to the link that holds every answer so far, at the next question.
        var answered = await anyone.GetAsync("/readiness/TW?roles=Exporter,Manufacturer&employees=40&a=&code=COMP-1&answer=y&step=2");
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        answered.RequestMessage!.RequestUri!.PathAndQuery.ShouldBe(
            "/readiness/TW?roles=Exporter%2CManufacturer&employees=40&a=COMP-1%3Ay&step=2"
        );
        var second = WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync());
        second.ShouldContain("Question 2 of 19");
        second.ShouldContain("Is one person clearly responsible for customs matters");
        second.ShouldContain("Save and continue later");

        // Going back shows the earlier answer chosen.
        var back = WebUtility.HtmlDecode(await anyone.GetStringAsync("/readiness/TW?roles=Exporter&employees=40&a=COMP-1%3Ay&step=1"));
        back.ShouldContain("id=\"answer-y\" name=\"answer\" value=\"y\" checked");

        var result = WebUtility.HtmlDecode(
            await anyone.GetStringAsync("/readiness/TW?roles=Exporter&employees=40&a=COMP-1%3Ay,CARGO-1%3An,FIN-1%3Aw&step=19")
        );
        result.ShouldContain("Your readiness for the");
        result.ShouldContain("SME track (flexible evidence, shorter time limit)");
        result.ShouldContain("1 of 18");
        result.ShouldContain("The programme decides within 60 business days of a complete application");
        result.ShouldContain("On the SME track you may instead say how and by when you will meet it:");
        result.ShouldContain("Describe the checks you will do at packing and handover");
        result.ShouldContain("Some preparation first");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ask_for_a_role_before_the_questions_and_say_when_the_programme_is_unknown(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var noRole = WebUtility.HtmlDecode(await anyone.GetStringAsync("/readiness/TW?employees=40&step=1"));
        noRole.ShouldContain("Choose at least one thing your company does.");
        noRole.ShouldNotContain("Question 1 of");

        WebUtility.HtmlDecode(await anyone.GetStringAsync("/readiness/ZZ")).ShouldContain("There is no programme 'ZZ'.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_sme_guide_gives_every_criterion_what_the_officer_looks_for_and_evidence_in_the_visitors_language(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var english = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/guides/TW"));
        english.ShouldContain("a guide for small companies");
        foreach (
            var code in OpenAeo.Domain.Certification.DefaultCriteria.Questions(OpenAeo.Domain.Certification.Track.Sme).Select(q => q.Code)
        )
        {
            english.ShouldContain($"<section id=\"{code}\"");
        }

        english.ShouldContain("<strong>What the officer looks for:</strong> High-security seals (ISO 17712)");

        var spanish = app.Anonymous();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-CL");
        var guide = WebUtility.HtmlDecode(await spanish.GetStringAsync("/guides/TW"));
        guide.ShouldContain("guía para empresas pequeñas");
        guide.ShouldContain("<strong>Qué busca el funcionario:</strong> Precintos de alta seguridad (ISO 17712)");
        guide.ShouldContain("<strong>En la vía pyme, en lugar de un documento:</strong>");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_consultation_page_sends_the_self_check_it_came_from_and_says_what_is_wrong_in_spanish(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var spanish = app.Anonymous();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var page =
            "/consultation/TW?from=" + Uri.EscapeDataString("/readiness/TW?roles=Exporter&employees=40&a=COMP-1%3Ay%2CCARGO-1%3An&step=19");

        var form = WebUtility.HtmlDecode(await spanish.GetStringAsync(page));
        form.ShouldContain("Enviar el resultado de mi autoevaluación con la solicitud");
        form.ShouldContain("Vía pyme: 1 de 18 criterios cumplidos.");

        KeyValuePair<string, string>[] Fields(string email) =>
            [
                new("Form.LegalName", "Herramientas Formosa"),
                new("Form.Tin", "TW12345678"),
                new("Form.ContactName", "Mei Lin"),
                new("Form.Email", email),
                new("Form.Date1", "2026-03-10"),
                new("Form.Date2", ""),
                new("Form.Date3", ""),
                new("Form.AttachSelfCheck", "true"),
                new("Form.From", "/readiness/TW?roles=Exporter&employees=40&a=COMP-1%3Ay%2CCARGO-1%3An&step=19"),
            ];

        var refused = await (await spanish.PostForm(page, "consultation", Fields("mei@"))).Text();
        refused.ShouldContain("Indique un correo electrónico como nombre@empresa.com.");
        (await app.WithDb(db => db.Prospects().CountAsync())).ShouldBe(0);

        var sent = await (await spanish.PostForm(page, "consultation", Fields("mei@formosa.example"))).Text();
        sent.ShouldContain("Recibimos su solicitud");
        var prospect = await app.WithDb(db => db.Prospects().SingleAsync());
        sent.ShouldContain(prospect.Reference);
        prospect.SelfCheckAnswers.ShouldBe("CARGO-1:n,COMP-1:y");
        prospect.Employees.ShouldBe(40);
        prospect.PreferredDates.ShouldBe([new DateOnly(2026, 3, 10)]);
    }
}
