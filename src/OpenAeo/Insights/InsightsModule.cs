using System.CommandLine;

namespace OpenAeo.Insights;

/// <summary>
/// Insights: key performance indicators computed from the operational data (participation, pipeline, time,
/// rejections, benefits at the border, workload), MRA monitoring, the dashboard and the public summary; and surveys.
/// </summary>
/// <remarks>
/// Surveys are built alongside in files named <c>Survey*</c>: they register themselves through their own
/// <c>Surveys.Add…</c>/<c>Map…</c> methods, called from the marked lines below, so neither side edits the other's files.
/// </remarks>
internal static class InsightsModule
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton<BorderKpiEngine>();
        services.AddSingleton<PublicFigures>();

        // Surveys: services.AddSurveys();
        return services;
    }

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        ComputeKpis.Map(api);
        MraMonitoring.Map(api);

        // Surveys: Surveys.Map(api, endpoints);
        return endpoints;
    }

    /// <summary>The CLI verbs: <c>insights …</c>, and <c>surveys …</c>.</summary>
    public static void AddCommands(RootCommand root, IServiceProvider services)
    {
        InsightsCommands.Add(root, services);

        // Surveys: Surveys.AddCommands(root, services);
    }
}
