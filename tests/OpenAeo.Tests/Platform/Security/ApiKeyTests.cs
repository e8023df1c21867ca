using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform.Security;

public class An_api_key
{
    /// <summary>The database holds only the key's SHA-256 in lower-case hexadecimal, never the key.</summary>
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Is_stored_as_its_SHA_256_in_lower_case_hexadecimal(string key, string expected) => ApiKeys.Hash(key).ShouldBe(expected);

    [Fact]
    public async Task That_is_unknown_is_401_on_the_API_and_on_a_page_and_never_a_redirect()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeys.Header, "oak_not-a-key-of-anyone");

        foreach (var route in new[] { "/api/v1/operators", "/applications" })
        {
            var response = await client.GetAsync(route);

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route);
            response.Headers.Location.ShouldBeNull(route);
        }

        // An endpoint open to everyone still answers: a wrong key does not make it worse than no key.
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Works_with_space_around_it_and_each_key_is_its_own_account()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var tokyo = await app.ClientAs(Role.Analyst, name: "tokyo-analyst");
        var other = await app.ClientAs(Role.Analyst, name: "other-analyst");
        (await tokyo.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Asia/Tokyo" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = tokyo.DefaultRequestHeaders.GetValues(ApiKeys.Header).Single();
        var spaced = app.Anonymous();
        spaced.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeys.Header, $"  {key} ");

        // Twice each: the first is read from the database, the second from what the node remembers.
        for (var i = 0; i < 2; i++)
        {
            (await spaced.GetFromJsonAsync<TimeZoneResponse>("/api/v1/me/time-zone"))!.TimeZone.ShouldBe("Asia/Tokyo");
            (await other.GetFromJsonAsync<TimeZoneResponse>("/api/v1/me/time-zone"))!.TimeZone.ShouldBeNull();
            (await spaced.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}
