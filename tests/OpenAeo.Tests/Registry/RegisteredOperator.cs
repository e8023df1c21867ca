namespace OpenAeo.Tests.Registry;

internal static class RegisteredOperator
{
    /// <summary>Registers a consenting exporter named after its TIN, as a programme officer does, for a trader to act for.</summary>
    public static async Task Register(HttpClient officer, string tin) =>
        (
            await officer.PostAsJsonAsync(
                "/api/v1/operators",
                new
                {
                    tin,
                    legalName = $"Operator {tin}",
                    roles = new[] { "Exporter" },
                    employees = 10,
                    consentToExchange = true,
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Created);
}
