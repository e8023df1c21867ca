using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;

namespace OpenAeo.Clearance;

internal static class ClearanceModule
{
    /// <summary>Who lodges declarations: traders (for their own company), border officers and administrators.</summary>
    public const string Declarants = "clearance-declarants";

    /// <summary>Who reads declarations: every officer, and traders (only their own, checked per declaration).</summary>
    public const string DeclarationReaders = "clearance-readers";

    /// <summary>Customs officers who read every declaration with its full explanation, and export them.</summary>
    public const string CustomsReaders = "clearance-customs-readers";

    /// <summary>Who works the border queue: checks, examinations, release.</summary>
    public const string BorderOfficers = "clearance-border-officers";

    public const string RuleReaders = "clearance-rule-readers";

    public const string RuleEditors = "clearance-rule-editors";

    /// <summary>Agency officers decide permits and joint inspections.</summary>
    public const string AgencyOfficers = "clearance-agency-officers";

    public static IServiceCollection AddClearance(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o =>
        {
            Add(o, Declarants, Role.Admin, Role.BorderOfficer, Role.Trader);
            Add(o, DeclarationReaders, Role.Admin, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst, Role.Trader);
            Add(o, CustomsReaders, Role.Admin, Role.BorderOfficer, Role.Analyst);
            Add(o, BorderOfficers, Role.Admin, Role.BorderOfficer);
            Add(o, RuleReaders, Role.Admin, Role.BorderOfficer, Role.Analyst);
            Add(o, RuleEditors, Role.Admin, Role.BorderOfficer);
            Add(o, AgencyOfficers, Role.Admin, Role.OgaOfficer);
        });
        services.AddSingleton<IDemoSeeder, ClearanceDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapClearance(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        SubmitDeclaration.Map(api);
        GetDeclaration.Map(api);
        ListDeclarations.Map(api);
        ProgressDeclaration.Map(api);
        GetSelectivityProfiles.Map(api);
        SaveSelectivityProfile.Map(api);
        SimulateRules.Map(api);
        ImportDeclarations.Map(api);
        ExportDeclarations.Map(api);

        // After the rest, where the contract has always listed them (they were route groups until each use case got its file).
        ListAgencyCases.Map(api);
        DecidePermit.Map(api);
        ScheduleJointInspection.Map(api);
        ListAgencies.Map(api);
        SaveAgency.Map(api);
        AddCommodityControl.Map(api);
        RemoveCommodityControl.Map(api);
        ListRiskRules.Map(api);
        GetRiskRule.Map(api);
        SaveRiskRule.Map(api);
        RetireRiskRule.Map(api);
        return endpoints;
    }

    private static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions o, string name, params Role[] roles) =>
        o.AddPolicy(name, p => p.RequireRole(roles.Select(r => r.ToString())));
}
