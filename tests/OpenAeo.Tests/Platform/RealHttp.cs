using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The app served by Kestrel on a loopback port, for tests that need what only a real server does: request body
/// limits, the request line's checks, responses streamed over a socket.
/// </summary>
internal static class RealHttp
{
    /// <summary>A started server over the app's database and clock, with these settings over the app's own.</summary>
    public static WebApplicationFactory<Program> Serve(
        OpenAeoApp app,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null
    )
    {
        var host = app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(key, value);
            }

            if (services is not null)
            {
                b.ConfigureServices(services);
            }
        });
        host.UseKestrel(0);
        host.StartServer();
        return host;
    }

    /// <summary>A client of the server that authenticates with a new account's API key.</summary>
    public static async Task<HttpClient> ClientAs(
        WebApplicationFactory<Program> host,
        OpenAeoApp app,
        Role role,
        string? tin = null,
        string? name = null
    )
    {
        await using var scope = host.Services.CreateAsyncScope();
        var account = await AddUser.Execute(
            new AddUserRequest(
                name ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30],
                null,
                role.ToString(),
                tin,
                role == Role.Partner ? "JP" : null,
                null,
                true,
                "test"
            ),
            Actor.System,
            scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
            app.Clock,
            CancellationToken.None
        );
        account.Errors.ShouldBeEmpty();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", account.Value!.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
