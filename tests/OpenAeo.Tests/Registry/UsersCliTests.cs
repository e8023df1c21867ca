using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public class Accounts_on_the_command_line
{
    [Fact]
    public async Task A_printed_api_key_authenticates_with_the_accounts_role_and_only_its_hash_is_stored()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var (exit, output, error) = await app.Cli("users", "add", "--name", "Risk.Bot", "--role", "BorderOfficer", "--print-api-key");

        exit.ShouldBe(0);
        error.ShouldContain("Added risk.bot (BorderOfficer)");
        var key = output.Trim();
        key.ShouldStartWith("oak_");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await client.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (
            await client.PostAsJsonAsync(
                "/api/v1/operators",
                new
                {
                    tin = "TW1",
                    legalName = "X",
                    roles = new[] { "Importer" },
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = await app.WithDb(db => db.Users().SingleAsync(u => u.Name == "risk.bot"));
        stored.ApiKeyHash.ShouldNotBeNull();
        stored.ApiKeyHash.ShouldNotContain(key);
    }

    [Fact]
    public async Task A_trader_needs_a_registered_operator()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var (noOperator, _, error1) = await app.Cli(
            "users",
            "add",
            "--name",
            "clerk",
            "--role",
            "Trader",
            "--password",
            "long-enough-secret"
        );
        var (unknownOperator, _, error2) = await app.Cli(
            "users",
            "add",
            "--name",
            "clerk",
            "--role",
            "Trader",
            "--operator",
            "TW404",
            "--password",
            "long-enough-secret"
        );

        noOperator.ShouldBe(1);
        error1.ShouldContain("A trader account acts for one operator");
        unknownOperator.ShouldBe(1);
        error2.ShouldContain("TW404 is not in the registry");
    }

    [Fact]
    public async Task A_short_password_an_unknown_role_and_a_taken_name_are_refused()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await app.Cli("users", "add", "--name", "officer1", "--role", "ProgrammeOfficer", "--password", "long-enough-secret");

        (await app.Cli("users", "add", "--name", "officer2", "--role", "ProgrammeOfficer", "--password", "short")).Error.ShouldContain(
            "at least 10 characters"
        );
        (await app.Cli("users", "add", "--name", "officer3", "--role", "Sheriff", "--password", "long-enough-secret")).Error.ShouldContain(
            "Role is one of"
        );
        (await app.Cli("users", "add", "--name", "OFFICER1", "--role", "Analyst", "--password", "long-enough-secret")).Error.ShouldContain(
            "already exists"
        );
    }

    [Fact]
    public async Task Demo_seed_adds_operators_and_one_account_per_role_once()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var (first, output, _) = await app.Cli("demo", "seed", "--password", "demo-password-1");
        var (second, again, _) = await app.Cli("demo", "seed");

        first.ShouldBe(0);
        second.ShouldBe(0);
        output.ShouldContain($"{DemoData.AccountsList.Length} demo accounts added");
        output.ShouldContain("demo-password-1");
        again.ShouldContain("0 demo accounts added");
        // The registry's demo operators and the e-commerce demo's marketplace (its own seeder registers it), each once.
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(DemoData.Operators.Length + 1);
        DemoData.Operators.ShouldNotContain(o => o.Tin == OpenAeo.Certification.EcommerceDemoSeeder.PlatformTin);
        var roles = await app.WithDb(db => db.Users().Select(u => u.Role).Distinct().CountAsync());
        roles.ShouldBe(7);
    }

    [Fact]
    public async Task Admins_add_accounts_through_the_api_and_see_the_list_without_secrets()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Domain.Registry.Role.Admin, name: "root");
        var officer = await app.ClientAs(Domain.Registry.Role.ProgrammeOfficer);

        var created = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                name = "jp-node",
                role = "Partner",
                partnerEconomy = "JP",
                issueApiKey = true,
            }
        );
        var denied = await officer.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                name = "x",
                role = "Admin",
                password = "long-enough-secret",
            }
        );
        var list = await admin.GetStringAsync("/api/v1/users");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Read<AddUserResponse>()).ApiKey!.ShouldStartWith("oak_");
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        list.ShouldContain("jp-node");
        list.ShouldNotContain("oak_");
        list.ShouldNotContain("Hash\":\"");
    }
}
