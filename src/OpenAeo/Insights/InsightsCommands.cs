using System.CommandLine;

namespace OpenAeo.Insights;

/// <summary>CLI verbs of insights: <c>insights kpis</c>.</summary>
internal static class InsightsCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        _ = services;
        var insights = new Command("insights", "Key performance indicators of a programme, computed from OpenAeo's own data.");
        root.Subcommands.Add(insights);
    }
}
