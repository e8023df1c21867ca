using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Webhooks;
using OpenAeo.Registry;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// Issue 19's webhooks: a receiver on loopback gets a correctly signed event for a suspension, only ever from the
/// dispatcher (the suspension answers before anything is sent); a failing receiver gets retries on the back-off
/// schedule, the deliveries list shows each attempt, and a replay sends the same event again.
/// </summary>
public sealed class WebhookTests : IDisposable
{
    private const string Tin = "TW12345678";
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-webhooks-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_receiver_gets_a_correctly_signed_certificate_suspended_event_after_the_suspension(string provider)
    {
        await using var receiver = await WebhookReceiver.Start();
        await using var app = await App(provider);
        var (admin, officer, certificate) = await Certified(app);
        var created = await admin.PostAsJsonAsync(
            "/api/v1/webhooks",
            new
            {
                url = receiver.Url,
                description = "Single window",
                eventTypes = new[] { "certificate.suspended", "certificate.reinstated" },
                reason = "connect the single window",
            }
        );
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var webhook = await created.Read<WebhookResponse>();
        var secret = webhook.Secret!;
        secret.ShouldStartWith("whsec_");
        // Shown once: reading the subscription again never returns it.
        (await admin.Get<WebhookResponse>($"/api/v1/webhooks/{webhook.Id}")).Secret.ShouldBeNull();

        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/suspension", new { reason = "Seal irregularities" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        receiver.Received.ShouldBeEmpty("the suspension's request sends nothing; only the dispatcher does");

        var round = await Dispatch(app);

        round.Delivered.ShouldBe(1);
        var got = receiver.Received.ShouldHaveSingleItem();
        got.SignedWith(secret).ShouldBeTrue($"{got.Signature} for {got.Body}");
        got.Timestamp.ShouldBe(app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        got.Id.ShouldStartWith("msg_");
        // The event body is the webhook wire format receivers code against, so it is read through the test's own record.
        got.Event.Type.ShouldBe("certificate.suspended");
        got.Event.Data.ShouldBe(new WebhookEventData("TW-AEO-2018-0042", Tin, "Seal irregularities"));
        var subject = "webhook:" + webhook.Id;
        (await app.WithDb(db => db.AuditEntries().Where(a => a.Subject == subject).Select(a => a.Action).ToListAsync())).ShouldBe([
            "webhook.created",
        ]);

        // A rotated secret signs the next event; the old one no longer verifies it.
        var rotated = await (
            await admin.PutAsJsonAsync($"/api/v1/webhooks/{webhook.Id}", new { rotateSecret = true, reason = "yearly rotation" })
        ).Read<WebhookResponse>();
        var newSecret = rotated.Secret!;
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/reinstatement", new { reason = "Seals replaced" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Dispatch(app)).Delivered.ShouldBe(1);
        var second = receiver.Received.Last();
        second.Event.Type.ShouldBe("certificate.reinstated");
        second.SignedWith(newSecret).ShouldBeTrue();
        second.SignedWith(secret).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_receiver_gets_retries_on_the_back_off_schedule_and_a_replay_sends_the_same_event_again(string provider)
    {
        await using var receiver = await WebhookReceiver.Start(500, 500);
        await using var app = await App(provider);
        var (admin, officer, certificate) = await Certified(app);
        var webhook = await (
            await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, eventTypes = new[] { "certificate.suspended" } })
        ).Read<WebhookResponse>();
        var id = webhook.Id;
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/suspension", new { reason = "Audit finding" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Dispatch(app)).Failed.ShouldBe(1);
        var delivery = (await Deliveries(admin, id)).ShouldHaveSingleItem();
        delivery.Status.ShouldBe("Pending");
        delivery.LastStatusCode.ShouldBe(500);
        var next = delivery.NextAttemptAt - app.Clock.GetUtcNow();
        next.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        // Not yet due: nothing is sent.
        (await Dispatch(app)).Failed.ShouldBe(0);
        receiver.Received.Count.ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        (await Dispatch(app)).Failed.ShouldBe(1);
        next = (await Deliveries(admin, id)).Single().NextAttemptAt - app.Clock.GetUtcNow();
        next.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        (await Dispatch(app)).Delivered.ShouldBe(1);
        delivery = (await Deliveries(admin, id)).Single();
        delivery.Status.ShouldBe("Delivered");
        delivery.Attempts.ShouldBe(3);
        delivery.AttemptLog.Select(a => a.StatusCode).ShouldBe([200, 500, 500]);
        delivery.AttemptLog[1].Response.ShouldBe("receiver is down for maintenance");
        receiver.Received.Select(r => r.Id).Distinct().ShouldHaveSingleItem("the webhook-id stays the same across retries");

        var replay = await admin.PostAsync($"/api/v1/webhooks/deliveries/{delivery.Id}/replay", null);
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted, await replay.Content.ReadAsStringAsync());
        receiver.Received.Count.ShouldBe(3, "a replay is sent by the dispatcher, not by the request");
        (await Dispatch(app)).Delivered.ShouldBe(1);
        receiver.Received.Count.ShouldBe(4);
        receiver.Received.Last().Id.ShouldBe(delivery.WebhookId);
        receiver.Received.Last().Body.ShouldBe(receiver.Received.First().Body);

        // A paused subscription keeps its events and sends them once it is active again.
        (await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { active = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/reinstatement", new { reason = "Cleared" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/suspension", new { reason = "Second finding" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Dispatch(app)).Delivered.ShouldBe(0);
        (await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { active = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Dispatch(app)).Delivered.ShouldBe(1);
        receiver.Received.Last().Event.Data.Reason.ShouldBe("Second finding");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_to_a_private_address_or_an_unknown_event_is_refused_by_field(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);

        var refused = await admin.PostAsJsonAsync(
            "/api/v1/webhooks",
            new { url = "https://169.254.169.254/latest", eventTypes = new[] { "certificate.deleted" } }
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Read<Problem>();
        string.Join("\n", problem.For("url")).ShouldContain("not a public address");
        string.Join("\n", problem.For("eventTypes")).ShouldContain("certificate.deleted");
        (await admin.GetItemsAsync<WebhookResponse>("/api/v1/webhooks")).ShouldBeEmpty();
    }

    private static async Task<OpenAeoApp> App(string provider)
    {
        var app = await OpenAeoApp.On(provider);
        // The receiver listens on plain HTTP on loopback: a test network, which a production node refuses.
        app.Settings["Webhooks:AllowPlainHttp"] = "true";
        app.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        return app;
    }

    private static async Task<DispatchRound> Dispatch(OpenAeoApp app)
    {
        var round = await app.Started().Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
        round.Refusal.ShouldBeNull();
        return round;
    }

    private static Task<WebhookDeliveryResponse[]> Deliveries(HttpClient admin, int webhook) =>
        admin.GetItemsAsync<WebhookDeliveryResponse>($"/api/v1/webhooks/{webhook}/deliveries");

    private async Task<(HttpClient Admin, HttpClient Officer, int Certificate)> Certified(OpenAeoApp app)
    {
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await CertifiedExporter.Register(officer, consent: false, tin: Tin);
        var file = Path.Combine(folder, $"certificates-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(
            file,
            $"tin,programme,certificate_number,tier,valid_from,valid_until,status\n{Tin},TW,TW-AEO-2018-0042,,2018-03-01,,Active\n"
        );
        var (exit, _, error) = await app.Cli("certificates", "import", file);
        exit.ShouldBe(0, error);
        var id = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={Tin}"))[0].Id;
        return (await app.ClientAs(Role.Admin), officer, id);
    }
}
