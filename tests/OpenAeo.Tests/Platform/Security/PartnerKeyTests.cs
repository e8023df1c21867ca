using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Platform.Security;

public class A_partner_key
{
    /// <summary>
    /// A partner administration's key is for the status exchange; lists that are filtered for people (a trader's own,
    /// an officer's all) must refuse it rather than answer an empty list that looks like "nothing here".
    /// </summary>
    [Theory]
    [InlineData("/api/v1/applications")]
    [InlineData("/api/v1/operators")]
    [InlineData("/api/v1/supply-chains")]
    [InlineData("/api/v1/notifications")]
    [InlineData("/api/v1/certificates")]
    [InlineData("/api/v1/applications/queue")]
    [InlineData("/applications")]
    [InlineData("/notifications")]
    public async Task Is_refused_on_the_lists_meant_for_people(string route)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var partner = await app.ClientAs(Role.Partner);

        var response = await partner.GetAsync(route);

        // Pages answer a key with a status too (only a cookie is sent to the access-denied page).
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
