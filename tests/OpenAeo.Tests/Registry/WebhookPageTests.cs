using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Web;
using OpenAeo.Platform.Webhooks;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public class Webhooks_on_the_admin_page
{
    [Fact]
    public async Task An_administrator_adds_a_subscription_sees_its_secret_once_pauses_it_and_replays_a_delivery()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Role.Admin);

        var added = await admin.PostForm(
            "/admin/webhooks",
            "webhook-new",
            [
                new("Form.Url", "https://hooks.example.org/single-window"),
                new("Form.EventTypes", "certificate.suspended"),
                new("Form.EventTypes", "declaration.lane-decided"),
                new("Form.Reason", "connect the single window"),
            ]
        );

        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await added.Text();
        page.ShouldContain("whsec_");
        var webhook = (await admin.Get<Page<WebhookResponse>>("/api/v1/webhooks")).Items.ToArray().ShouldHaveSingleItem();
        webhook.EventTypes.ShouldBe(["certificate.suspended", "declaration.lane-decided"]);
        var id = webhook.Id;
        (await admin.GetStringAsync("/admin/webhooks")).ShouldNotContain("whsec_");

        (await admin.PostForm("/admin/webhooks", "webhook-change", [new("Change.Action", $"pause:{id}")])).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        (await admin.Get<WebhookResponse>($"/api/v1/webhooks/{id}")).Active.ShouldBeFalse();

        var delivery = await app.WithDb(async db =>
        {
            var failed = new WebhookDelivery
            {
                SubscriptionId = id,
                AuditEntryId = 1,
                MessageId = "msg_page",
                EventType = "certificate.suspended",
                Payload = "{}",
                CreatedAt = app.Clock.GetUtcNow(),
                Status = WebhookDeliveryStatus.Failed,
                Attempts = 8,
                LastStatusCode = 503,
            };
            db.WebhookDeliveries().Add(failed);
            await db.SaveChangesAsync();
            return failed.Id;
        });
        (await admin.GetStringAsync($"/admin/webhooks?webhook={id}")).ShouldContain("msg_page");
        var replayed = await admin.PostForm(
            $"/admin/webhooks?webhook={id}",
            "webhook-replay",
            [new("Replay.Id", delivery.ToString(System.Globalization.CultureInfo.InvariantCulture))]
        );
        (await replayed.Text()).ShouldContain("is sent again");
        var shown = (await admin.Get<Page<WebhookDeliveryResponse>>($"/api/v1/webhooks/{id}/deliveries"))
            .Items.ToArray()
            .ShouldHaveSingleItem();
        shown.Status.ShouldBe("Pending");
        shown.Attempts.ShouldBe(0);
    }
}
