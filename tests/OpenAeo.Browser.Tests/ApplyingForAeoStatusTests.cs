using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

public sealed partial class Applying_for_AEO_status_in_the_browser(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    /// <remarks>
    /// No demo trader can show a first SME submission: <c>trader</c>'s company (TW00000001) is an AEO already,
    /// <c>trader2</c>'s (TW00000002) is a large company, which the SME track refuses, and <c>trader3</c>'s (TW00000005) has
    /// an open application (one at a time per programme). Keelung Harbour Customs Brokerage (TW00000003, 35 employees: an SME under the
    /// Chinese Taipei definition)
    /// is a demo operator without an application and without an account, so the test adds a trader account for it with
    /// the real command line on the running instance's database — what an administrator does on the server.
    /// </remarks>
    [Fact]
    public async Task An_SME_trader_answers_every_question_uploads_evidence_and_submits_and_the_officer_finds_it_in_the_queue()
    {
        app.RequireBrowser();
        var (exit, output) = await app.Cli(
            "users",
            "add",
            "--name",
            "keelung",
            "--role",
            "Trader",
            "--operator",
            "TW00000003",
            "--password",
            RunningOpenAeo.DemoPassword
        );
        exit.ShouldBe(0, output);
        var evidence = Path.Combine(Directory.CreateTempSubdirectory("openaeo-evidence-").FullName, "financial-statements-2025.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n% Keelung Harbour Customs Brokerage: audited financial statements 2025\n");

        await using var traderContext = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(traderContext, "keelung");
        await page.ClickAsync("nav >> text=Applications");
        await page.WaitForURLAsync(app.BaseUrl + "/applications");
        await Expect(page.Locator("[data-testid=no-applications]")).ToBeVisibleAsync();
        (await page.InnerTextAsync("[data-testid=sme-definition]")).ShouldContain("fewer than 200 employees");
        (await page.InnerTextAsync("[data-testid=sme-definition]")).ShouldContain("35 employees — an SME");
        await page.CheckAsync("#track-sme");
        await page.ClickAsync("[data-testid=start-form] button[type=submit]");
        await page.WaitForURLAsync(StartedPage());

        var reference = (await page.InnerTextAsync("h1")).Split(' ')[0];
        reference.ShouldMatch(@"^TW-\d{4}-\d{6}$");
        await Expect(page.Locator("[data-testid=application-state]")).ToContainTextAsync("Draft");
        await Expect(page.Locator("[data-testid=clock-state]")).ToContainTextAsync("Not started");
        await Expect(page.Locator("[data-testid=submit]")).ToBeDisabledAsync();
        // A customs broker is asked the questions of its role (issue 14 item 1): not how it seals cargo or inspects conveyances.
        var asked = OpenAeo.Domain.Certification.Applicability.Select(
            OpenAeo.Domain.Certification.DefaultCriteria.Questions(OpenAeo.Domain.Certification.Track.Sme),
            OpenAeo.Domain.Registry.OperatorRoles.CustomsBroker,
            sme: true
        );
        var groupCount = asked.Select(q => q.Question.Group).Distinct().Count();
        // One criteria group a step, then the review; the first step is the first group with something missing.
        await Expect(page.Locator("[data-testid=step-count]")).ToHaveTextAsync($"Step 1 of {groupCount + 1}");
        (await page.Locator("section.group").CountAsync()).ShouldBe(1);
        await Expect(page.Locator("[data-testid=gap-count]"))
            .ToHaveTextAsync(asked.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var uploaded = 0;
        var seen = new List<string>();
        for (var g = 0; g < groupCount; g++)
        {
            var group = page.Locator($"#group-{g}");
            var name = await group.GetAttributeAsync("data-group");
            await Expect(page.Locator("[data-testid=step-count]")).ToHaveTextAsync($"Step {g + 1} of {groupCount + 1}");
            await Expect(page.Locator("nav.steps [aria-current=step]")).ToContainTextAsync(name!);
            foreach (var question in await group.Locator("fieldset.question").AllAsync())
            {
                var code = await question.GetAttributeAsync("data-question");
                seen.Add(code!);
                if (code == "PART-2")
                {
                    await Expect(question.Locator("[data-testid=asked-because]")).ToContainTextAsync("registered customs broker");
                }

                await page.FillAsync(
                    $"#text-{code}",
                    $"How we handle {name?.ToLowerInvariant()} today, for {code}: a written procedure with a named owner."
                );
                if (await page.Locator($"#outcome-{code}").CountAsync() > 0)
                {
                    // The SME track's flexible evidence: how and by when, instead of a document.
                    await page.CheckAsync($"#outcome-{code}");
                    await page.FillAsync(
                        $"#plan-{code}",
                        "We will meet this standard by the end of next quarter with an external adviser."
                    );
                }
                else if (await question.Locator("[data-testid=evidence-note]").InnerTextAsync() == "A document is required.")
                {
                    await page.SetInputFilesAsync($"#file-{code}", evidence);
                    uploaded++;
                }
            }

            // "Save and continue" saves the step and opens the next, which confirms what was saved.
            await group.Locator("[data-testid=next-step]").ClickAsync();
            await Expect(page.Locator("[data-testid=saved]")).ToHaveTextAsync($"Saved: {name}.");
        }

        seen.Order().ShouldBe(asked.Select(q => q.Question.Code).Order(), "every question asked, each on one step");
        seen.ShouldNotContain("CONV-1");
        uploaded.ShouldBe(1);

        // The last step reviews every answer and holds the submit button.
        await Expect(page.Locator("[data-testid=step-count]")).ToHaveTextAsync($"Step {groupCount + 1} of {groupCount + 1}");
        await Expect(page.Locator("[data-testid=review-intro]")).ToBeVisibleAsync();
        await Expect(page.Locator("#q-FIN-1")).ToContainTextAsync("financial-statements-2025.pdf");
        await Expect(page.Locator("[data-testid=gap-count]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=readiness]")).ToContainTextAsync("can be submitted");
        (await page.Locator("nav.steps li.complete").CountAsync()).ShouldBe(groupCount);

        await page.ClickAsync("[data-testid=submit]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Submitted.");
        await Expect(page.Locator("[data-testid=application-state]")).ToContainTextAsync("Submitted");
        await Expect(page.Locator("[data-testid=clock-state]")).ToContainTextAsync("Clock running");
        await Expect(page.Locator("[data-testid=days-used]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=days-left]")).ToHaveTextAsync("60");
        var due = await page.InnerTextAsync("[data-testid=due-date]");
        due.ShouldMatch(@"^\d{1,2} [A-Z][a-z]+ \d{4}$", "a day as the visitor writes it");
        (await page.InnerTextAsync("[data-testid=account-manager]")).ShouldMatch(
            @"\(manager\d?\)$",
            "the least busy of the demo's account managers"
        );
        (await page.Locator("section.group").CountAsync()).ShouldBe(0, "a submitted self-assessment is read-only");

        await using var officerContext = await app.Browser.NewContextAsync();
        var officer = await app.SignedIn(officerContext, "officer");
        await officer.ClickAsync("nav >> text=Applications");
        await officer.WaitForURLAsync(app.BaseUrl + "/applications");
        var row = officer.Locator("[data-testid=queue] tbody tr", new PageLocatorOptions { HasText = reference });
        await Expect(row).ToHaveCountAsync(1);
        (await row.InnerTextAsync()).ShouldContain("Keelung Harbour Customs Brokerage");
        (await row.InnerTextAsync()).ShouldContain("Submitted");
        (await row.InnerTextAsync()).ShouldContain(due);

        await row.Locator("a").ClickAsync();
        await officer.WaitForURLAsync(ApplicationPage());
        await Expect(officer.Locator("[data-testid=actions]")).ToContainTextAsync("Start the review");
        var download = await officer.Locator("#q-FIN-1 a").GetAttributeAsync("href");
        var document = await officerContext.APIRequest.GetAsync(app.BaseUrl + download);
        document.Status.ShouldBe(200);
        (await document.TextAsync()).ShouldContain("audited financial statements 2025");
    }

    [Fact]
    public async Task Moving_between_steps_saves_each_answer_and_confirms_it_at_the_step_arrived_at()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await NewSmeApplication(context, "TW00000201,Hsinchu Packaging Ltd.,TW,exporter,22,true", "hsinchu");
        var first = await page.Locator("#group-0 fieldset.question").First.GetAttributeAsync("data-question");
        var firstGroup = await page.Locator("#group-0").GetAttributeAsync("data-group");
        await page.FillAsync($"#text-{first}", "Typed in the first group and saved by going forward.");
        await page.Locator("[data-testid=next-step]").ClickAsync();

        await Expect(page.Locator("#group-1 [data-testid=saved]")).ToHaveTextAsync($"Saved: {firstGroup}.");
        await Expect(page.Locator("[data-testid=step-count]")).ToContainTextAsync("Step 2 of");
        var second = await page.Locator("#group-1 fieldset.question").First.GetAttributeAsync("data-question");
        var secondGroup = await page.Locator("#group-1").GetAttributeAsync("data-group");
        await page.FillAsync($"#text-{second}", "Typed in the second group and saved by going back.");
        await page.Locator("[data-testid=previous-step]").ClickAsync();

        await Expect(page.Locator("#group-0 [data-testid=saved]")).ToHaveTextAsync($"Saved: {secondGroup}.");
        await Expect(page.Locator($"#text-{first}")).ToHaveValueAsync("Typed in the first group and saved by going forward.");
        await Expect(page.Locator("[data-testid=flash]")).ToHaveCountAsync(0);

        // Each step is an address: the second step opened directly shows what was saved there.
        await page.GotoAsync(page.Url.Split('?')[0] + "?step=2");
        await Expect(page.Locator($"#text-{second}")).ToHaveValueAsync("Typed in the second group and saved by going back.");
        await Expect(page.Locator("nav.steps [aria-current=step]")).ToContainTextAsync(secondGroup!);
    }

    [Fact]
    public async Task A_trader_gets_not_found_for_another_operators_application_and_prints_its_own_certificate()
    {
        app.RequireBrowser();
        await using var holderContext = await app.Browser.NewContextAsync();
        var (holder, granted) = await FirstOwnApplication(holderContext, "trader2");

        await using var otherContext = await app.Browser.NewContextAsync();
        var other = await app.SignedIn(otherContext, "trader");
        var foreign = await other.GotoAsync(app.BaseUrl + granted);
        foreign!.Status.ShouldBe(404);
        (await other.InnerTextAsync("h1")).ShouldBe("No such application");

        await holder.ClickAsync("nav >> text=Certificates");
        // The semiconductor maker renewed its certificate: the old one expired, the one OpenAeo granted is active.
        await holder.Locator("[data-testid=certificates] tr:has([data-state=Active]) a").First.ClickAsync();
        await holder.WaitForURLAsync(CertificatePage());
        var certificate = holder.Url;
        await holder.ClickAsync("[data-testid=print-link]");
        await holder.WaitForURLAsync(certificate + "/print");
        var printable = await holder.InnerTextAsync("[data-testid=printable-certificate]");
        printable.ShouldContain("Taipei Semiconductor Works Corp.");
        (await holder.InnerTextAsync("[data-testid=tin]")).ShouldBe("TW00000002");
        (await holder.InnerTextAsync("[data-testid=number]")).ShouldMatch(@"^TW-AEO-\d{4}-\d{6}$");
        (await holder.InnerTextAsync("[data-testid=status]")).ShouldBe("Valid");
        (await holder.Locator("nav").CountAsync()).ShouldBe(0, "the printable page has no menu");

        var foreignCertificate = await other.GotoAsync(certificate);
        foreignCertificate!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task The_trader_answers_customs_and_the_officer_validates_grants_suspends_and_reinstates_or_rejects_with_reasons()
    {
        app.RequireBrowser();
        await using var traderContext = await app.Browser.NewContextAsync();
        var (trader, link) = await FirstOwnApplication(traderContext, "trader3");
        var application = app.BaseUrl + link;
        await trader.GotoAsync(application);
        await Expect(trader.Locator("[data-testid=clock-state]")).ToContainTextAsync("waiting for the applicant's answer");
        await trader
            .Locator("[data-testid=request] textarea")
            .FillAsync("SecureGuard Services Ltd., contract from 2026-01-01 to 2027-12-31.");
        await trader.ClickAsync("text=Send the answer");
        await Expect(trader.Locator("[data-testid=flash]")).ToHaveTextAsync("Answer sent to customs.");
        await Expect(trader.Locator("[data-testid=application-state]")).ToContainTextAsync("Under review");
        await Expect(trader.Locator("[data-testid=clock-state]")).ToContainTextAsync("Clock running");

        await using var officerContext = await app.Browser.NewContextAsync();
        var officer = await app.SignedIn(officerContext, "officer");
        await officer.GotoAsync(application);
        await officer.ClickAsync("summary:has-text('Plan the validation visit')");

        // A visit is reported once it has taken place: this one is today (the earliest day the form allows).
        await officer.FillAsync("#visit-date", (await officer.GetAttributeAsync("#visit-date", "min"))!);
        await officer.SelectOptionAsync("#visit-mode", "Remote");
        await officer.ClickAsync("text=Plan the visit");
        await Expect(officer.Locator("[data-testid=flash]")).ToHaveTextAsync("Validation visit planned.");
        await Expect(officer.Locator("[data-testid=application-state]")).ToContainTextAsync("Validation visit planned");

        var ratings = officer.Locator("select[id^=rating-]");
        (await ratings.CountAsync()).ShouldBe(13);
        foreach (var rating in await ratings.AllAsync())
        {
            await rating.SelectOptionAsync("Met");
        }

        await ratings.Nth(6).SelectOptionAsync("PartlyMet");
        await officer.FillAsync("#note-6", "Seal log kept on paper; to be digitised.");
        await officer.FillAsync("#visit-report", "Remote visit: procedures in place; seal records to improve.");
        await officer.ClickAsync("text=Record the report");
        await Expect(officer.Locator("[data-testid=application-state]")).ToContainTextAsync("Validated");
        await Expect(officer.Locator("[data-testid=visit]")).ToContainTextAsync("Partly met");
        await Expect(officer.Locator("[data-testid=visit]")).ToContainTextAsync("Seal log kept on paper");

        // The SME answers the PartlyMet finding with an improvement plan, which the officer accepts (ADR 0032).
        await trader.GotoAsync(application);
        await trader.ClickAsync("summary:has-text('Add an improvement action')");
        await trader.FillAsync("#improvement-what", "Log every seal number in the stock system at the gate.");
        await trader.FillAsync("#improvement-who", "Warehouse supervisor");
        await trader.Locator("main").Locator("button:has-text('File the action')").ClickAsync();
        await Expect(trader.Locator("[data-testid=improvement-status]")).ToContainTextAsync("Filed");
        await officer.GotoAsync(application);
        await officer.ClickAsync("[data-testid=accept-improvement]");
        await Expect(officer.Locator("[data-testid=improvement-status]")).ToContainTextAsync("Plan accepted");

        // The demo programme has four eyes: the officer prepares the grant and the administrator approves it.
        await officer.ClickAsync("summary:has-text('Grant AEO status')");
        await officer.FillAsync("#grant-text", "Meets the criteria; improve seal records within 6 months.");
        await officer.ClickAsync("text=Grant and issue the certificate");
        await Expect(officer.Locator("[data-testid=pending-decision]")).ToContainTextAsync("prepared by officer");
        await Expect(officer.Locator("[data-testid=four-eyes-note]")).ToBeVisibleAsync();
        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await app.SignedIn(adminContext, "admin");
        await admin.GotoAsync(application);
        await admin.ClickAsync("[data-testid=approve-decision]");
        await Expect(admin.Locator("[data-testid=decision]")).ToContainTextAsync("AEO status granted");
        await Expect(admin.Locator("[data-testid=four-eyes-record]")).ToContainTextAsync("prepared by officer and approved by admin");
        await officer.GotoAsync(application);
        await Expect(officer.Locator("[data-testid=decision]")).ToContainTextAsync("AEO status granted");
        var number = await officer.InnerTextAsync("[data-testid=certificate-link]");
        number.ShouldMatch(@"^TW-AEO-\d{4}-\d{6}$");
        (await officer.InnerTextAsync("[data-testid=clock-state]")).ShouldContain("Decided");

        await officer.ClickAsync("[data-testid=certificate-link]");
        await officer.WaitForURLAsync(CertificatePage());
        await officer.ClickAsync("summary:has-text('Suspend')");
        await officer.ClickAsync("text=Suspend the certificate");
        await Expect(officer.Locator("[role=alert]")).ToContainTextAsync("A suspension needs a reason.");
        await officer.FillAsync("#suspend-reason", "Seal irregularities found at the border.");
        await officer.ClickAsync("text=Suspend the certificate");
        await Expect(officer.Locator("[data-testid=certificate-facts]")).ToContainTextAsync("Suspended");
        await officer.ClickAsync("text=Reinstate the certificate");
        await Expect(officer.Locator("[data-testid=certificate-facts]")).ToContainTextAsync("Valid since");
        (await officer.InnerTextAsync("[data-testid=certificate-history]")).ShouldContain("Seal irregularities found at the border.");

        await trader.ClickAsync("nav >> text=Notifications");
        await Expect(trader.Locator("[data-testid=notifications]")).ToContainTextAsync($"AEO status granted: certificate {number}");
        await Expect(trader.Locator("[data-testid=notifications]")).ToContainTextAsync($"Certificate {number}: suspended");

        // Life after the grant (ADR 0040): the SME does its first annual self-review (its first certificate year began on the
        // grant day), and the officer records the outcome.
        var certificatePage = officer.Url;
        await trader.GotoAsync(certificatePage);
        await Expect(trader.Locator("[data-testid=next-self-review]")).ToContainTextAsync("due on");
        await Expect(trader.Locator("[data-testid=next-reassessment]")).ToContainTextAsync("Seal irregularities found at the border.");
        await trader.ClickAsync("summary:has-text('Do your annual self-review')");
        await trader.CheckAsync("#review-Partners-changed");
        await trader.FillAsync("#review-Partners", "New road carrier for exports: Island Freight Co., itself an AEO.");
        await trader.CheckAsync("#review-declared");
        await trader.Locator("main").Locator("button:has-text('Send the self-review')").ClickAsync();
        await Expect(trader.Locator("[data-testid=self-review]")).ToContainTextAsync("Island Freight Co.");
        await Expect(trader.Locator("[data-testid=self-review-outcome]")).ToContainTextAsync("waiting for customs");
        await officer.GotoAsync(certificatePage);
        await officer.ClickAsync("summary:has-text('Record an outcome')");
        await officer.FillAsync("#outcome-reason", "The new carrier is an AEO; nothing else changed.");
        await officer.Locator("main").Locator("button:has-text('Record the outcome')").ClickAsync();
        await Expect(officer.Locator("[data-testid=self-review-outcome]")).ToContainTextAsync("Confirmed");

        await officer.GotoAsync(app.BaseUrl + "/applications");
        // A validated application waiting for its decision (the demo has one; its validation was recognised from Japan Customs):
        // a rejection starts with a notice of intent, and the applicant is heard first.
        await officer.Locator("[data-testid=queue] tr:has([data-state=Validated]) a").First.ClickAsync();
        await officer.ClickAsync("summary:has-text('Notify an intent to reject')");
        await officer.ClickAsync("text=Send the notice of intent");
        await Expect(officer.Locator("[role=alert]")).ToContainTextAsync("A rejection gives one or more of the programme's reason codes");
        await officer.CheckAsync("input[name='Notice.Codes'][value=SECURITY]");
        await officer.FillAsync("#notice-text", "Cargo security is not yet at the standard.");
        await officer.ClickAsync("text=Send the notice of intent");
        await Expect(officer.Locator("[data-testid=application-state]")).ToContainTextAsync("Intent to reject");
        await Expect(officer.Locator("[data-testid=notice]")).ToContainTextAsync("Security standards not met");
        await Expect(officer.Locator("[data-testid=notice]")).ToContainTextAsync("Waiting for the response");
    }

    /// <summary>
    /// A new operator (one CSV row: <c>tin,legal_name,economy,roles,employees,consent</c>) imported with the real command line,
    /// a trader account for it, signed in, with a draft SME application just started.
    /// </summary>
    private async Task<IPage> NewSmeApplication(IBrowserContext context, string operatorRow, string user)
    {
        var operators = Path.Combine(Directory.CreateTempSubdirectory("openaeo-operators-").FullName, "operators.csv");
        await File.WriteAllTextAsync(operators, $"tin,legal_name,economy,roles,employees,consent\n{operatorRow}\n");
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        var (exit, output) = await app.Cli(
            "users",
            "add",
            "--name",
            user,
            "--role",
            "Trader",
            "--operator",
            operatorRow.Split(',')[0],
            "--password",
            RunningOpenAeo.DemoPassword
        );
        exit.ShouldBe(0, output);
        var page = await app.SignedIn(context, user);
        await page.GotoAsync(app.BaseUrl + "/applications");
        await page.CheckAsync("#track-sme");
        await page.ClickAsync("[data-testid=start-form] button[type=submit]");
        await page.WaitForURLAsync(StartedPage());
        return page;
    }

    /// <summary>A trader signed in, on its list of applications, and the address of the first one.</summary>
    private async Task<(IPage Page, string Link)> FirstOwnApplication(IBrowserContext context, string user)
    {
        var page = await app.SignedIn(context, user);
        await page.GotoAsync(app.BaseUrl + "/applications");
        var link = await page.Locator("[data-testid=applications] a").First.GetAttributeAsync("href");
        link.ShouldNotBeNull();
        return (page, link);
    }

    [GeneratedRegex(@"/applications/\d+\?done=started$")]
    private static partial Regex StartedPage();

    [GeneratedRegex(@"/applications/\d+$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex(@"/certificates/\d+$")]
    private static partial Regex CertificatePage();
}
