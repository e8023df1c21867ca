using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.MutualRecognition.Pages;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>An MRA's scope, benefits and monitoring clause, changed through the one use case the API and the page share.</summary>
public sealed class MraEditTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_changes_scope_benefits_and_monitoring_and_the_change_is_audited(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var mra = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!.Single(m => m.Name == "Chinese Taipei–Korea");
        var id = mra.Id;

        var changed = await officer.PutAsJsonAsync(
            $"/api/v1/mras/{id}",
            new
            {
                name = "Chinese Taipei–Korea",
                parties = new[] { "TW", "KR" },
                status = "InForce",
                inForceFrom = "2016-10-01",
                roles = new[] { "Exporter", "Manufacturer" },
                tiers = new[] { " AEO-S " },
                benefits = new[] { "Fewer inspections", " " },
                monitoring = new[] { new { indicator = " Inspection rate of partner AEOs ", target = "< 2%" } },
                reason = "Joint committee 2026",
            }
        );
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var read = await app.Anonymous().Get<MraResponse>($"/api/v1/mras/{id}");
        read.Roles.ShouldBe(["Exporter", "Manufacturer"]);
        read.Tiers.ShouldBe(["AEO-S"]);
        read.Benefits.ShouldBe(["Fewer inspections"]);
        read.Monitoring[0].Indicator.ShouldBe("Inspection rate of partner AEOs");
        var audit = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().SingleAsync(a => a.Action == "mra.updated" && a.Subject == $"mra:{id}")
        );
        audit.Reason.ShouldBe("Joint committee 2026");

        var blank = await officer.PutAsJsonAsync(
            $"/api/v1/mras/{id}",
            new
            {
                parties = new[] { "TW", "KR" },
                status = "InForce",
                inForceFrom = "2016-10-01",
                monitoring = new[] { new { indicator = "", target = "x" } },
            }
        );
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync()).ShouldContain("mra.monitoring");
    }

    [Fact]
    public void The_page_form_reads_one_item_per_line_and_names_a_monitoring_line_without_a_target()
    {
        var mra = new Mra
        {
            Id = 3,
            Name = "Chinese Taipei–Korea",
            Parties = ["TW", "KR"],
            Status = MraStatus.InForce,
            InForceFrom = new DateOnly(2016, 10, 1),
        };
        var form = MraForm.From(mra);
        form.Roles = ["Exporter"];
        form.Tiers = "AEO-S, AEO-F";
        form.Benefits = "Fewer inspections\r\n\r\nPriority clearance\n";
        form.Monitoring = "Release time: median: under 4 hours\nInspection rate: < 2%";

        var request = form.ToRequest(mra);

        request.IsOk.ShouldBeTrue();
        request.Value!.Parties.ShouldBe(["TW", "KR"]);
        request.Value.Tiers.ShouldBe(["AEO-S", "AEO-F"]);
        request.Value.Benefits.ShouldBe(["Fewer inspections", "Priority clearance"]);
        request.Value.Monitoring.ShouldBe([
            new MonitoringIndicator("Release time: median", "under 4 hours"),
            new MonitoringIndicator("Inspection rate", "< 2%"),
        ]);
        MraRegistry.Check(request.Value, MraStatus.InForce).IsOk.ShouldBeTrue();

        form.Monitoring = "Inspection rate\nRelease time: 4h";
        var bad = form.ToRequest(mra);
        bad.Errors.Single().Message.ShouldContain("Monitoring line 1");
        bad.Errors.Single().Code.ShouldBe("mra.monitoring");
    }
}
