namespace OpenAeo.Tests.Certification;

/// <summary>The body of a visit report that rates Cargo security alone: the one criteria group most visits in the tests rate.</summary>
internal static class VisitReport
{
    public static object CargoSecurity(string rating, string? note, string report) =>
        new
        {
            findings = new[]
            {
                new
                {
                    group = "Cargo security",
                    rating,
                    note,
                },
            },
            report,
        };
}
