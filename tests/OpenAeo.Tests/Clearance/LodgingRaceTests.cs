using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenAeo.Clearance;

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

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Lodgings_sent_at_once_keep_their_own_answers_when_two_of_them_name_one_reference(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);

        // Forty at once, so they share commits (ADR 0057); the two RACE-2 lodgings both pass the check for a taken
        // reference, so whichever commit holds the second fails and is written again one lodging at a time.
        var sent = await Task.WhenAll(
            Enumerable
                .Range(0, 40)
                .Select(i =>
                    border.Officer.PostAsJsonAsync(
                        "/api/v1/declarations",
                        Border.Declaration(
                            i % 2 == 0 ? Border.AeoImporter : Border.OtherImporter,
                            reference: i is 7 or 23 ? "RACE-2" : $"BATCH-{i:D2}"
                        )
                    )
                )
        );

        var answers = sent.Select((r, i) => (Index: i, r.StatusCode)).ToList();
        answers.Where(a => a.Index is not (7 or 23)).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created);
        answers
            .Where(a => a.Index is 7 or 23)
            .Select(a => a.StatusCode)
            .Order()
            .ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var lodged = await Task.WhenAll(sent.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Read<DeclarationResponse>()));
        lodged.Select(d => d.Reference).Distinct().Count().ShouldBe(39);
        foreach (var d in lodged.Where(d => d.Reference.StartsWith("BATCH-", StringComparison.Ordinal)))
        {
            d.PrincipalStatus.ShouldBe(int.Parse(d.Reference[6..]) % 2 == 0 ? "LocalAeo" : "Unknown", d.Reference);
        }
        (await border.Officer.Get<OpenAeo.Clearance.DeclarationPage>("/api/v1/declarations")).Total.ShouldBe(39);
        (await app.WithDb(db => db.DeclarationEvents().Select(e => e.DeclarationId).Distinct().CountAsync())).ShouldBe(39);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "declaration.lodged"))).ShouldBe(39);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_number_OpenAeo_makes_that_is_taken_already_is_made_again(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        // This node's sequence from a known point, and the next two numbers it will make taken already, as another node
        // making numbers in the same millisecond would have taken them (the clock stands still in tests).
        await using var node = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(new DeclarationNumbers(start: 0))));
        var key = border.Officer.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var officer = node.CreateClient();
        officer.DefaultRequestHeaders.Add("X-Api-Key", key);
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        string Number(uint sequence) => OpenAeo.Domain.Clearance.DeclarationNumber.Compose("TW", app.Clock.GetUtcNow(), taipei, sequence);
        await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: Number(1)));
        await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: Number(2)));

        var lodged = await Border.Lodge(officer, Border.Declaration(Border.AeoImporter));

        lodged.Reference.ShouldBe(Number(3));
        lodged.PrincipalStatus.ShouldBe("LocalAeo");
        (await border.Officer.Get<OpenAeo.Clearance.DeclarationPage>("/api/v1/declarations")).Total.ShouldBe(3);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "declaration.lodged"))).ShouldBe(3);
    }

    /// <summary>
    /// Makes the race happen every time, without timing: just before the first lodging's write begins its transaction
    /// (after it checked that the reference is free), a second lodging of the same reference runs to completion.
    /// </summary>
    private sealed class RivalLodging : DbTransactionInterceptor
    {
        private Func<Task>? lodge;

        /// <summary>The rival lodging; it runs once, before the first transaction of a bulk write.</summary>
        public Func<Task> Lodge
        {
            set => lodge = value;
        }

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection,
            TransactionStartingEventData eventData,
            InterceptionResult<System.Data.Common.DbTransaction> result,
            CancellationToken cancellationToken = default
        )
        {
            // Lodgings are written past the change tracker (ADR 0057): a transaction on a context that tracks nothing.
            var bulkWrite = !eventData.Context!.ChangeTracker.Entries().Any();
            if (bulkWrite && Interlocked.Exchange(ref lodge, null) is { } rival)
            {
                await rival();
            }

            return result;
        }
    }
}
