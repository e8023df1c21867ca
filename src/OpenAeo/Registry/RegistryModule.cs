using OpenAeo.Platform;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

internal static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<Accounts>();
        services
            .AddOptions<SignInOptions>()
            .BindConfiguration("SignIn")
            .Validate(
                o => o.Check().Count == 0,
                "SignIn: the failures before a lockout are at least 1, the window and lockout longer than zero, "
                    + "and AccountCacheSeconds between 0 and 300."
            )
            .ValidateOnStart();
        services.AddSingleton<NodeEconomy>();
        services.AddSingleton<Platform.Notifications.IMailRecipients, NotificationMailRecipients>();
        services.AddSingleton<AccountCache>();
        services.AddScoped<IAccountLookup, CachedAccountLookup>();
        services.AddCachedKinds(typeof(Domain.Registry.UserAccount));
        services.AddSingleton<ProgrammeCache>();
        services.AddCachedKinds(ProgrammeCache.Sources);
        services.AddAuthorizationBuilder();
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(Policies.Add);
        services.AddSingleton<IStartupTask, ReferenceDataStartup>();
        services.AddSingleton<Platform.Cli.IDemoSeeder, RegistryDemoSeeder>();
        services.AddSingleton<Platform.Cli.IDemoSeeder, BenefitsDemoSeeder>();
        services.AddSingleton<Platform.Cli.IDemoSeeder, HolidayDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Registry");
        ListEconomies.Map(api);
        AddEconomy.Map(api);
        ListProgrammes.Map(api);
        GetProgramme.Map(api);
        UpdateProgramme.Map(api);
        AddBenefit.Map(api);
        ChangeBenefit.Map(api);
        RemoveBenefit.Map(api);
        ImportHolidays.Map(api);
        ImportHolidaysForm.Map(endpoints);
        ListHolidays.Map(api);
        ExportOperators.Map(api);
        ImportOperators.Map(api);
        ListOperators.Map(api);
        GetOperator.Map(api);
        RegisterOperator.Map(api);
        UpdateOperator.Map(api);

        // Accounts and webhooks are documented apart; as the last of the group they keep their place in the contract.
        var accounts = api.MapGroup("").WithTags("Accounts");
        AddUser.Map(accounts);
        ListUsers.Map(accounts);
        GetUser.Map(accounts);
        GetNotificationSettings.Map(accounts);
        ChangeNotificationSettings.Map(accounts);
        GetTimeZone.Map(accounts);
        ChangeTimeZone.Map(accounts);
        DisableUser.Map(accounts);
        EnableUser.Map(accounts);
        ResetPassword.Map(accounts);
        IssueApiKey.Map(accounts);
        RevokeApiKey.Map(accounts);
        UnlockUser.Map(accounts);
        var webhooks = api.MapGroup("").WithTags("Webhooks");
        ListWebhooks.Map(webhooks);
        GetWebhook.Map(webhooks);
        CreateWebhook.Map(webhooks);
        UpdateWebhook.Map(webhooks);
        DeleteWebhook.Map(webhooks);
        ListWebhookDeliveries.Map(webhooks);
        ReplayWebhookDelivery.Map(webhooks);
        Pages.SignInEndpoints.Map(endpoints);
        return endpoints;
    }

    private sealed class ReferenceDataStartup : IStartupTask
    {
        public bool ServeOnly => false;

        public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
            LoadReferenceData.Run(services.GetRequiredService<OpenAeoDb>(), services.GetRequiredService<TimeProvider>(), ct);
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
            output.WriteLine($"  {a.Name, -10} {a.Role, -17} {a.Description}");
        }

        output.WriteLine();
    }
}
