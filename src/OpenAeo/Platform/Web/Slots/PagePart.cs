namespace OpenAeo.Platform.Web.Slots;

/// <summary>
/// A component a capability adds to another capability's page. The page names a slot (<c>&lt;Slot Name="mra-detail" /&gt;</c>)
/// and the capability that fills it registers the part (<c>services.AddPagePart("mra-detail", typeof(MraMonitoringPanel))</c>),
/// so a page of a lower capability shows a higher one's work without importing it (ADR 0049: no cycle between capabilities).
/// </summary>
internal sealed record PagePart(string Slot, Type Component, int Order);

internal static class PageParts
{
    public static IServiceCollection AddPagePart(this IServiceCollection services, string slot, Type component, int order = 0) =>
        services.AddSingleton(new PagePart(slot, component, order));
}
