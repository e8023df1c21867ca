namespace OpenAeo.Benchmarks.Clearance;

/// <summary>
/// The body of <c>POST /api/v1/declarations</c> the HTTP benchmarks lodge against the demo administration: the demo's
/// importers TW00000001 and TW00000002, a spread of consignors, modes, origins and HS codes, so lanes vary as at a border.
/// </summary>
internal static class SampleDeclaration
{
    public static object Body(int n, string reference, string otherOrigin = "CN") =>
        new
        {
            reference,
            type = "Import",
            mode = n % 3 == 0 ? "Air" : "Sea",
            originEconomy = n % 2 == 0 ? "US" : otherOrigin,
            destinationEconomy = "TW",
            office = "TWSEA1",
            officeTimeZone = "Asia/Taipei",
            parties = new object[]
            {
                new { role = "Importer", tin = n % 4 == 0 ? "TW00000002" : "TW00000001" },
                new { role = "Consignor", tin = $"US{n % 500:D6}" },
            },
            items = new object[] { new { hsCode = n % 5 == 0 ? "30049000" : "84713000", customsValue = 1_000 + n % 90_000 } },
            lowValueEcommerce = false,
        };
}
