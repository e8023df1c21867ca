using System.Security.Cryptography;
using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Portal;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 4: a prior-consultation request without an account, the account managers' queue, acceptance with a one-time
/// invitation, and the rate limit.</summary>
public sealed class The_prior_consultation_api
{
    internal static object Request(string tin, string? email = "mei@formosa.example", params DateOnly[] dates) =>
        new
        {
            programme = "TW",
            tin,
            legalName = "Formosa Tools Ltd",
            contactName = "Mei Lin",
            email,
            phone = "+886 2 1234 5678",
            preferredDates = dates.Length > 0 ? dates : [new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12)],
            message = "We export machine tools to Japan.",
            selfCheck = new
            {
                roles = new[] { "Exporter" },
                employees = 35,
                sector = "Machine tools",
                answers = "COMP-1:y,CARGO-1:n,FIN-1:y",
            },
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gives_the_requester_a_reference_and_puts_the_request_with_its_self_check_in_the_managers_queue(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var sent = await anyone.PostAsJsonAsync("/api/v1/public/consultations", Request("TW 1234-5678"));
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var reference = (await sent.Read<ConsultationResponse>()).Reference;
        reference.ShouldMatch("^PC-[2-9A-HJKMNP-TV-Z]{8}$");

        var manager = await app.ClientAs(Role.AccountManager);
        var queue = await manager.GetItemsAsync<ProspectResponse>("/api/v1/prospects");
        var prospect = queue!.Single(p => p.Reference == reference);
        prospect.Tin.ShouldBe("TW12345678");
        prospect.Status.ShouldBe("New");
        prospect.PreferredDates.ShouldBe([new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12)]);
        prospect.RegisteredOperator.ShouldBeFalse();
        var selfCheck = prospect.SelfCheck.ShouldNotBeNull();
        selfCheck.Track.ShouldBe("Sme");
        selfCheck.Met.ShouldBe(2);
        selfCheck.Total.ShouldBe(18);
        selfCheck.Link!.ShouldContain("a=CARGO-1%3An%2CCOMP-1%3Ay%2CFIN-1%3Ay");

        (await anyone.GetAsync("/api/v1/prospects")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.ClientAs(Role.Analyst)).GetAsync("/api/v1/prospects")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var audit = await app.WithDb(db => db.AuditEntries().SingleAsync(e => e.Action == "prospect.requested"));
        audit.Actor.ShouldBe("anonymous");
        audit.Subject.ShouldBe($"prospect:{reference}");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Accepts_once_with_an_invitation_kept_only_as_its_hash_and_declines_only_with_a_reason(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();
        await anyone.PostAsJsonAsync("/api/v1/public/consultations", Request("TW12345678"));
        await anyone.PostAsJsonAsync("/api/v1/public/consultations", Request("TW87654321"));
        var manager = await app.ClientAs(Role.AccountManager, name: "manager-x");
        var queue = (await manager.GetItemsAsync<ProspectResponse>("/api/v1/prospects"))!;
        var first = queue.Single(p => p.Tin == "TW12345678").Id;
        var second = queue.Single(p => p.Tin == "TW87654321").Id;

        var accepted = await manager.PostAsJsonAsync(
            $"/api/v1/prospects/{first}/acceptance",
            new { reason = "Exporter to Japan; SME track." }
        );
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var invitation = await accepted.Read<InvitationResponse>();
        var link = invitation.InvitationLink!;
        link.ShouldStartWith("/invitations/");
        var token = link["/invitations/".Length..];
        token.Length.ShouldBe(43);
        invitation.ExpiresAt.ShouldBe(app.Clock.GetUtcNow().AddDays(14));

        var stored = await app.WithDb(db => db.Prospects().SingleAsync(p => p.Id == first));
        stored.InvitationHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
        stored.AccountManager.ShouldBe("manager-x");

        var again = await manager.PostAsJsonAsync($"/api/v1/prospects/{first}/acceptance", new { });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var noReason = await manager.PostAsJsonAsync($"/api/v1/prospects/{second}/decline", new { reason = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var declined = await manager.PostAsJsonAsync(
            $"/api/v1/prospects/{second}/decline",
            new { reason = "Not in this economy's programme." }
        );
        declined.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await declined.Read<ProspectResponse>()).Status.ShouldBe("Declined");

        var actions = await app.WithDb(db =>
            db.AuditEntries().Where(e => e.Action.StartsWith("prospect.")).Select(e => e.Action).ToListAsync()
        );
        actions.ShouldBe(["prospect.requested", "prospect.requested", "prospect.accepted", "prospect.declined"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refuses_bad_contact_days_and_foreign_tins_by_field_and_limits_each_address(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        // The fake clock is Monday 2 March 2026 in Taipei: the 2nd is today, not a day to propose.
        var bad = await anyone.PostAsJsonAsync(
            "/api/v1/public/consultations",
            Request("NZ1234567", "not-an-email", new DateOnly(2026, 3, 2))
        );
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await bad.Read<Problem>();
        errors.For("email")[0]!.ShouldContain("e-mail address");
        errors.For("preferredDates")[0]!.ShouldContain("2026-03-02 is not between tomorrow");
        errors.For("tin")[0]!.ShouldContain("starting with TW");
        (await app.WithDb(db => db.Prospects().CountAsync())).ShouldBe(0);

        // Ten an hour from one address (the bad request above counted), then 429 with when to retry.
        for (var i = 0; i < 9; i++)
        {
            (await anyone.PostAsJsonAsync("/api/v1/public/consultations", Request($"TW1000000{i}"))).StatusCode.ShouldBe(
                HttpStatusCode.Created
            );
        }

        var limited = await anyone.PostAsJsonAsync("/api/v1/public/consultations", Request("TW20000000"));
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await app.WithDb(db => db.Prospects().CountAsync())).ShouldBe(9);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_invitation_registers_the_operator_creates_the_trader_and_carries_the_self_check_into_a_draft_once(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();
        await anyone.PostAsJsonAsync(
            "/api/v1/public/consultations",
            new
            {
                programme = "TW",
                tin = "TW12345678",
                legalName = "Formosa Tools Ltd",
                contactName = "Mei Lin",
                email = "mei@formosa.example",
                preferredDates = new[] { new DateOnly(2026, 3, 10) },
                selfCheck = new
                {
                    roles = new[] { "Exporter" },
                    employees = 35,
                    answers = "COMP-1:y,CARGO-1:n,PREM-2:c,FIN-1:u,CARGO-2:c",
                },
            }
        );
        var manager = await app.ClientAs(Role.AccountManager, name: "manager-y");
        var id = (await manager.GetItemsAsync<ProspectResponse>("/api/v1/prospects"))!.Single().Id;
        var link = (
            await (await manager.PostAsJsonAsync($"/api/v1/prospects/{id}/acceptance", new { })).Read<InvitationResponse>()
        ).InvitationLink;
        var token = link["/invitations/".Length..];

        WebUtility
            .HtmlDecode(await anyone.GetStringAsync(link))
            .ShouldContain("Create the account you will use for Formosa Tools Ltd (TW12345678)");
        var weak = await app.WithDb(db =>
            ProspectInvitation.Join(
                token,
                new JoinRequest("formosa", "short"),
                a => $"Self-check: {a}",
                "TW",
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        weak.Errors.Single().Code.ShouldBe("user.password");
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(0, "a refused join leaves nothing behind");

        var joined = await app.WithDb(db =>
            ProspectInvitation.Join(
                token,
                new JoinRequest("formosa", "a long enough password"),
                a => $"Self-check: {a}",
                "TW",
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        joined.Errors.ShouldBeEmpty();
        joined.Value!.UserName.ShouldBe("formosa");

        // Not sure stays unanswered; a contractor where outsourcing is not allowed (seals) is carried as said, not as outsourced.
        joined.Value.AnswersCarried.ShouldBe(4);
        var application = await app.WithDb(db => db.Applications().SingleAsync(a => a.Id == joined.Value.ApplicationId));
        application.Track.ShouldBe(OpenAeo.Domain.Certification.Track.Sme);
        application.State.ShouldBe(OpenAeo.Domain.Certification.ApplicationState.Draft);
        var answers = await app.WithDb(db =>
            db.Answers().Where(a => a.ApplicationId == application.Id).ToDictionaryAsync(a => a.QuestionCode)
        );
        answers.Keys.ShouldBe(["CARGO-1", "CARGO-2", "COMP-1", "PREM-2"], ignoreOrder: true);
        answers["CARGO-1"].OutcomeBased.ShouldBeTrue();
        answers["CARGO-1"].Text.ShouldBe("Self-check: No");
        answers["PREM-2"].Outsourced.ShouldBeTrue();
        answers["CARGO-2"].Outsourced.ShouldBeFalse();
        answers["COMP-1"].OutcomeBased.ShouldBeFalse();

        var registered = await app.WithDb(db => db.Operators().SingleAsync());
        registered.LegalName.ShouldBe("Formosa Tools Ltd");
        registered.Employees.ShouldBe(35);
        var account = await app.WithDb(db => db.Users().SingleAsync(u => u.Name == "formosa"));
        account.Role.ShouldBe(Role.Trader);
        account.OperatorTin.ShouldBe("TW12345678");

        var again = await app.WithDb(db =>
            ProspectInvitation.Join(
                token,
                new JoinRequest("formosa2", "a long enough password"),
                a => a.ToString(),
                "TW",
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        again.Errors.Single().Code.ShouldBe("not-found");
        WebUtility.HtmlDecode(await anyone.GetStringAsync(link)).ShouldContain("This invitation is not valid");
        (await manager.GetItemsAsync<ProspectResponse>("/api/v1/prospects?status=Joined"))!.Single().JoinedAs.ShouldBe("formosa");
    }
}
