using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;

namespace OpenAeo.Clearance;

internal static class ClearanceModule
{
    /// <summary>Who lodges declarations: traders (for their own company), border officers and administrators.</summary>
    public const string Declarants = nameof(Permission.LodgeDeclarations);

    /// <summary>Who reads declarations: every officer, and traders (only their own, checked per declaration).</summary>
    public const string DeclarationReaders = nameof(Permission.ReadDeclarations);

    /// <summary>Customs officers who read every declaration with its full explanation, and export them.</summary>
    public const string CustomsReaders = nameof(Permission.SeeDeclarationInternals);

    /// <summary>Who works the border queue: checks, examinations, release.</summary>
    public const string BorderOfficers = nameof(Permission.WorkBorderQueue);

    public const string RuleReaders = nameof(Permission.ReadRiskRules);

    public const string RuleEditors = nameof(Permission.EditRiskRules);

    /// <summary>Agency officers decide permits and joint inspections.</summary>
    public const string AgencyOfficers = nameof(Permission.DecideAgencyCases);

    public static IServiceCollection AddClearance(this IServiceCollection services)
    {
        services.AddSingleton<IDemoSeeder, ClearanceDemoSeeder>();
        services.AddSingleton<SelectivityCache>();
        services.AddSingleton(_ => new DeclarationNumbers());
        services.AddLocallyCachedKinds(SelectivityCache.PartyKinds);
        services.AddCachedKinds(SelectivityBase.Sources);
        return services;
    }

    public static IEndpointRouteBuilder MapClearance(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Clearance");
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
}
