using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.Platform;

public class Editing_what_someone_else_may_be_editing
{
    private static readonly object Formosa = new
    {
        tin = "TW1",
        legalName = "Formosa Precision",
        roles = new[] { "Exporter" },
        employees = 40,
        consentToExchange = true,
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_change_sent_with_a_stale_etag_is_refused_with_412_and_changes_nothing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        (await officer.PostAsJsonAsync("/api/v1/operators", Formosa)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var read = await officer.GetAsync("/api/v1/operators/TW1");
        var tag = read.Headers.ETag!.Tag;

        var first = await Put(
            officer,
            "/api/v1/operators/TW1",
            tag,
            new
            {
                legalName = "Formosa Precision Co.",
                roles = new[] { "Exporter" },
                employees = 41,
            }
        );
        var second = await Put(
            officer,
            "/api/v1/operators/TW1",
            tag,
            new
            {
                legalName = "Formosa Tools",
                roles = new[] { "Exporter" },
                employees = 40,
            }
        );

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        first.Headers.ETag!.Tag.ShouldNotBe(tag);
        second.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await second.Read<Problem>();
        problem.Detail!.ShouldContain("Operator TW1 has changed since you read it");
        var now = await officer.GetAsync("/api/v1/operators/TW1");
        (await now.Read<OperatorResponse>()).LegalName.ShouldBe("Formosa Precision Co.");
        now.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        (
            await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Subject == "operator:TW1" && a.Action != "operator.registered"))
        ).ShouldBe(1);
        // The current tag, or none at all, still changes it.
        (
            await Put(
                officer,
                "/api/v1/operators/TW1",
                now.Headers.ETag.Tag,
                new { legalName = "Formosa Tools", roles = new[] { "Exporter" } }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        (
            await officer.PutAsJsonAsync("/api/v1/operators/TW1", new { legalName = "Formosa Tools Ltd", roles = new[] { "Exporter" } })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_change_saved_between_the_check_and_the_save_still_makes_the_stale_write_a_412(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var setup = await app.ClientAs(Role.ProgrammeOfficer);
        (await setup.PostAsJsonAsync("/api/v1/operators", Formosa)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var rival = new RivalEdit();
        await using var racing = app.WithWebHostBuilder(b =>
            b.ConfigureServices(s =>
            {
                s.ConfigureDbContext<SqliteOpenAeoDb>(o => o.AddInterceptors(rival));
                s.ConfigureDbContext<PostgresOpenAeoDb>(o => o.AddInterceptors(rival));
            })
        );
        var officer = racing.CreateClient();
        officer.DefaultRequestHeaders.Add("X-Api-Key", setup.DefaultRequestHeaders.GetValues("X-Api-Key").Single());
        var tag = (await officer.GetAsync("/api/v1/operators/TW1")).Headers.ETag!.Tag;
        HttpResponseMessage? rivalResponse = null;
        rival.Edit = async () =>
            rivalResponse = await Put(
                officer,
                "/api/v1/operators/TW1",
                tag,
                new { legalName = "Rival Name", roles = new[] { "Exporter" } }
            );

        var loser = await Put(officer, "/api/v1/operators/TW1", tag, new { legalName = "Loser Name", roles = new[] { "Exporter" } });

        rivalResponse.ShouldNotBeNull();
        rivalResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await rivalResponse.Content.ReadAsStringAsync());
        loser.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await loser.Content.ReadAsStringAsync());
        (await setup.Get<OperatorResponse>("/api/v1/operators/TW1")).LegalName.ShouldBe("Rival Name");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rule_or_the_profile_changed_since_it_was_read_refuses_a_stale_if_match_with_412(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await app.ClientAs(Role.BorderOfficer);
        object Rule(int score) =>
            new
            {
                id = "LATE-NIGHT",
                name = "Late arrivals",
                conditions = new { origins = new[] { "PE" } },
                score,
                reason = "pilot",
            };
        (await border.PostAsJsonAsync("/api/v1/clearance/rules", Rule(10))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await border.GetAsync("/api/v1/clearance/rules/LATE-NIGHT");
        var tag = read.Headers.ETag!.Tag;

        var first = await Send(border, HttpMethod.Post, "/api/v1/clearance/rules", tag, Rule(20));
        var stale = await Send(border, HttpMethod.Post, "/api/v1/clearance/rules", tag, Rule(30));
        var staleRetirement = await Send(border, HttpMethod.Delete, "/api/v1/clearance/rules/LATE-NIGHT?reason=x", tag, null);

        tag.ShouldBe("\"1\"");
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await stale.Content.ReadAsStringAsync());
        (await stale.Read<Problem>()).Detail!.ShouldContain("Risk rule LATE-NIGHT has changed since you read it");
        staleRetirement.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var latest = await border.GetAsync("/api/v1/clearance/rules/LATE-NIGHT");
        (await latest.Read<RuleResponse>()).Score.ShouldBe(20);
        latest.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag.Tag);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Subject == "risk-rule:LATE-NIGHT"))).ShouldBe(2);

        // The profile: the defaults are version 1 until a first version is saved.
        var profileTag = (await border.GetAsync("/api/v1/clearance/profile")).Headers.ETag!.Tag;
        var saved = await Send(border, HttpMethod.Put, "/api/v1/clearance/profile", profileTag, Border.RiskProfile(40));
        var lost = await Send(border, HttpMethod.Put, "/api/v1/clearance/profile", profileTag, Border.RiskProfile(45));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        saved.Headers.ETag!.Tag.ShouldBe("\"2\"");
        lost.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await border.Get<ProfileVersion[]>("/api/v1/clearance/profile"))[^1].YellowFrom.ShouldBe(40);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string route, string tag, object? body)
    {
        var request = new HttpRequestMessage(method, route) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Programmes_and_mras_carry_their_version_too(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var programme = (await app.Anonymous().GetAsync("/api/v1/programmes/TW")).Headers.ETag!.Tag;
        var id = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras")).Single(m => m.Name == "Chinese Taipei–Korea").Id;
        var mraTag = (await app.Anonymous().GetAsync($"/api/v1/mras/{id}")).Headers.ETag!.Tag;
        var mraBody = new
        {
            name = "Chinese Taipei–Korea",
            parties = new[] { "TW", "KR" },
            status = "InForce",
            inForceFrom = "2016-10-01",
            reason = "committee",
        };

        (await Put(officer, "/api/v1/programmes/TW", programme, new { validityYears = 5, reason = "new regulation" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        (await Put(officer, "/api/v1/programmes/TW", programme, new { validityYears = 4, reason = "stale" })).StatusCode.ShouldBe(
            HttpStatusCode.PreconditionFailed
        );
        (await Put(officer, "/api/v1/programmes/TW", "*", new { validityYears = 4, reason = "any version" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        (await Put(officer, $"/api/v1/mras/{id}", mraTag, mraBody)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Put(officer, $"/api/v1/mras/{id}", mraTag, mraBody)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var document = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var put = document.GetProperty("paths").GetProperty("/api/v1/programmes/{code}").GetProperty("put");
        put.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain("If-Match");
        put.GetProperty("responses").TryGetProperty("412", out _).ShouldBeTrue();
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string route, string tag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, route) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return client.SendAsync(request);
    }

    /// <summary>Just before the first save that changes an operator (after its If-Match was checked), another edit runs to
    /// completion.</summary>
    private sealed class RivalEdit : SaveChangesInterceptor
    {
        private Func<Task>? edit;

        public Func<Task> Edit
        {
            set => edit = value;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        )
        {
            var changesOperator = eventData.Context!.ChangeTracker.Entries<Operator>().Any(e => e.State == EntityState.Modified);
            if (changesOperator && Interlocked.Exchange(ref edit, null) is { } rival)
            {
                await rival();
            }

            return result;
        }
    }
}
