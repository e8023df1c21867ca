namespace OpenAeo.TimeRelease;

internal static class TimeReleaseModule
{
    public static IServiceCollection AddTimeRelease(this IServiceCollection services)
    {
        services.AddSingleton<StudyEngine>();
        return services;
    }

    public static IEndpointRouteBuilder MapTimeRelease(this IEndpointRouteBuilder endpoints) => endpoints;
}
