using OpenAeo.Domain.Registry;

namespace OpenAeo.TimeRelease;

internal static class TimeReleaseModule
{
    /// <summary>Who runs time release studies: analysts, and the programme office and administrators who publish them.</summary>
    public const string Analysts = nameof(Permission.RunStudies);

    public static IServiceCollection AddTimeRelease(this IServiceCollection services)
    {
        services.AddOptions<TimeReleaseOptions>().BindConfiguration("TimeRelease");
        services.AddSingleton<StudyEngine>();
        services.AddSingleton<StudyInputs>();
        services.AddSingleton<StudyQueue>();
        services.AddHostedService<StudyRunner>();

        return services;
    }

    public static IEndpointRouteBuilder MapTimeRelease(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Time release");
        SaveStudy.Map(api);
        UploadStudyInput.Map(api);
        ListStudyInputs.Map(api);
        GetStudy.Map(api);
        ListStudies.Map(api);
        DownloadStudyReport.Map(api);
        RerunStudy.Map(api);
        UploadStudyInputForm.Map(endpoints);
        return endpoints;
    }
}
