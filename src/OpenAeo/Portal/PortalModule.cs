namespace OpenAeo.Portal;

internal static class PortalModule
{
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        AeoCountChart.Map(endpoints);
        return endpoints;
    }
}
