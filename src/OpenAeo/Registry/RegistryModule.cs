using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

internal static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<Accounts>();
        services.AddScoped<IAccountLookup>(sp => sp.GetRequiredService<Accounts>());
        services.AddAuthorizationBuilder();
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(Policies.Add);
        services.AddSingleton<IStartupTask, ReferenceDataStartup>();
        services.AddSingleton<IStartupTask, DevelopmentDemoStartup>();
        services.AddSingleton<Platform.Cli.IDemoSeeder, RegistryDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        ListEconomies.Map(api);
        AddEconomy.Map(api);
        ListProgrammes.Map(api);
        GetProgramme.Map(api);
        UpdateProgramme.Map(api);
        ExportOperators.Map(api);
        ImportOperators.Map(api);
        ListOperators.Map(api);
        GetOperator.Map(api);
        RegisterOperator.Map(api);
        UpdateOperator.Map(api);
        AddUser.Map(api);
        Pages.SignInEndpoints.Map(endpoints);
        return endpoints;
    }

    private sealed class ReferenceDataStartup : IStartupTask
    {
        public bool ServeOnly => false;

        public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
            LoadReferenceData.Run(services.GetRequiredService<OpenAeoDb>(), services.GetRequiredService<TimeProvider>(), ct);
    }

    /// <summary>On the first run in Development, seeds demo data and prints the demo accounts once.</summary>
    private sealed class DevelopmentDemoStartup : IStartupTask
    {
        public bool ServeOnly => true;

        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            var environment = services.GetRequiredService<IHostEnvironment>();
            var configuration = services.GetRequiredService<IConfiguration>();
            if (!environment.IsDevelopment() || !configuration.GetValue("Demo:SeedOnFirstRun", true))
            {
                return;
            }

            var db = services.GetRequiredService<OpenAeoDb>();
            if (await db.Users().AnyAsync(ct))
            {
                return;
            }

            var password = configuration["Demo:Password"] ?? DemoData.DefaultPassword;
            var created = await DemoData.Seed(db, services.GetRequiredService<TimeProvider>(), password, ct);
            PrintAccounts(Console.Out, created, password);
        }
    }

    public static void PrintAccounts(TextWriter output, IReadOnlyList<DemoData.DemoAccount> accounts, string password)
    {
        if (accounts.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Demo accounts (Development only; every one has the password '" + password + "'):");
        foreach (var a in accounts)
        {
            output.WriteLine($"  {a.Name,-10} {a.Role,-17} {a.Description}");
        }

        output.WriteLine();
    }
}
