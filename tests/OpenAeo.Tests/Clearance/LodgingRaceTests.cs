using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.Tests.Clearance;

public class Lodging_the_same_reference_twice
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_lodging_that_loses_the_race_gets_a_conflict_and_the_winner_is_kept(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var rival = new RivalLodging();
        await using var racing = app.WithWebHostBuilder(b =>
            b.ConfigureServices(s =>
            {
                s.ConfigureDbContext<SqliteOpenAeoDb>(o => o.AddInterceptors(rival));
                s.ConfigureDbContext<PostgresOpenAeoDb>(o => o.AddInterceptors(rival));
            })
        );
        var key = border.Officer.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var officer = racing.CreateClient();
        officer.DefaultRequestHeaders.Add("X-Api-Key", key);

        // The rival lodges through another node: one node's lodgings share one writer (ADR 0057), so a rival on the same
        // node would wait for the save it interrupts.
        await using var otherNode = app.Started().AnotherNode();
        var other = otherNode.Started().CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", key);
        var declaration = Border.Declaration(Border.OtherImporter, reference: "RACE-1");
        HttpResponseMessage? rivalResponse = null;
        rival.Lodge = async () => rivalResponse = await other.PostAsJsonAsync("/api/v1/declarations", declaration);

        var loser = await officer.PostAsJsonAsync("/api/v1/declarations", declaration);

        rivalResponse.ShouldNotBeNull("the rival lodged while the first lodging was about to save");
        rivalResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        loser.StatusCode.ShouldBe(HttpStatusCode.Conflict, await loser.Content.ReadAsStringAsync());
        loser.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await loser.Read<Problem>()).Detail.ShouldBe("A declaration RACE-1 exists already.");
        var stored = await border.Officer.Get<OpenAeo.Clearance.DeclarationPage>("/api/v1/declarations");
        stored.Total.ShouldBe(1);
    }

    /// <summary>
    /// Makes the race happen every time, without timing: just before the first lodging saves (after it checked that
    /// the reference is free), a second lodging of the same reference runs to completion.
    /// </summary>
    private sealed class RivalLodging : SaveChangesInterceptor
    {
        private Func<Task>? lodge;

        /// <summary>The rival lodging; it runs once, before the first save that adds a declaration.</summary>
        public Func<Task> Lodge
        {
            set => lodge = value;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        )
        {
            var addsDeclaration = eventData
                .Context!.ChangeTracker.Entries<OpenAeo.Clearance.Declaration>()
                .Any(e => e.State == EntityState.Added);
            if (addsDeclaration && Interlocked.Exchange(ref lodge, null) is { } rival)
            {
                await rival();
            }

            return result;
        }
    }
}
