using System.CommandLine;
using OpenAeo.Platform.Web.Slots;

namespace OpenAeo.Insights;

/// <summary>
/// Insights: key performance indicators computed from the operational data (participation, pipeline, time,
/// rejections, benefits at the border, workload), MRA monitoring, the dashboard and the public summary; and surveys.
/// </summary>
/// <remarks>
/// Surveys live alongside in files named <c>Survey*</c>, registered here through their own
/// <c>AddSurveys</c>/<c>MapSurveys</c>/<c>SurveyCommands.Add</c>.
/// </remarks>
internal static class InsightsModule
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton<BorderKpiEngine>();
        services.AddPagePart("mra-detail", typeof(Pages.MraMonitoringPanel));
        services.AddSingleton<PublicFigures>();

        return services.AddSurveys();
    }

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Insights");
        ComputeKpis.Map(api);
        MraMonitoring.Map(api);

        return endpoints.MapSurveys();
    }

    /// <summary>The CLI verbs: <c>insights …</c>, and <c>surveys …</c>.</summary>
    public static void AddCommands(RootCommand root, IServiceProvider services)
    {
        InsightsCommands.Add(root, services);
        SurveyCommands.Add(root, services);
    }
}
