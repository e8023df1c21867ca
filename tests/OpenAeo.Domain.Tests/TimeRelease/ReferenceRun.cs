using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Tests.TimeRelease;

internal static class ReferenceRun
{
    /// <summary>The reference calculation over rows of <paramref name="columns"/>, numbered from line 2 as under a header.</summary>
    public static StudyResult Of(StudyDefinition study, string[] columns, string?[][] rows) =>
        ReferenceCalculation.Run(
            study,
            "events.csv",
            columns,
            rows.Select((cells, i) => new ReferenceCalculation.Row(i + 2, cells)),
            TimeZones.Find
        );
}
