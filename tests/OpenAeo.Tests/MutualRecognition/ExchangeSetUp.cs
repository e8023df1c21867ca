using System.Globalization;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// The commands and files that make two administrations partners, as arguments and paths rather than runs: the same
/// set-up serves an in-memory <see cref="OpenAeoApp"/> and a real <see cref="OpenAeoNode"/>, each test keeping its
/// own way of checking the run.
/// </summary>
internal static class ExchangeSetUp
{
    /// <summary><c>users add</c> of the Partner account another economy's customs pulls with (it prints the API key).</summary>
    public static string[] PartnerAccount(string name, string economy) =>
        ["users", "add", "--name", name, "--role", "Partner", "--economy", economy, "--print-api-key"];

    /// <summary><c>partners add</c>; <paramref name="options"/> such as <c>--agreement</c> come last.</summary>
    public static string[] AddPartner(string economy, string url, string publicKey, string apiKey, params string[] options) =>
        ["partners", "add", "--economy", economy, "--url", url, "--public-key", publicKey, "--api-key", apiKey, .. options];

    /// <summary>
    /// Chinese Taipei's register of consenting exporters with one active certificate each since 2024-01-15, as the operators and
    /// certificates import files in <paramref name="folder"/> (one log entry per TIN once published).
    /// </summary>
    public static async Task<(string Operators, string Certificates)> CertifiedExporters(
        string folder,
        IReadOnlyCollection<string> tins,
        string suffix = ""
    )
    {
        var operators = Path.Combine(folder, $"operators{suffix}.csv");
        var certificates = Path.Combine(folder, $"certificates{suffix}.csv");
        await File.WriteAllLinesAsync(
            operators,
            [
                "tin,legal_name,economy,roles,employees,turnover,sector,consent",
                .. tins.Select(t => $"{t},Exporter {t},TW,Exporter,30,,Electronics,true"),
            ]
        );
        await File.WriteAllLinesAsync(
            certificates,
            [
                "tin,programme,certificate_number,tier,valid_from,valid_until,status",
                .. tins.Select(t => $"{t},TW,TW-AEO-{t},,2024-01-15,,Active"),
            ]
        );
        return (operators, certificates);
    }

    /// <summary>The MRA's id in what <c>mras add</c> prints (<c>MRA-12</c>).</summary>
    public static int MraId(string added) =>
        int.Parse(added.Trim().Replace("MRA-", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>
    /// A partner stored as if registered and replicated up to <paramref name="treeSize"/>: its log key and our API key
    /// there are placeholders, as a test that stores one gives it its replica instead of pulling one.
    /// </summary>
    public static Partner Replicated(string economy, string baseUrl, int? mraId, long treeSize, DateTimeOffset createdAt) =>
        new()
        {
            Economy = economy,
            BaseUrl = baseUrl,
            PublicKey = [1],
            ProtectedApiKey = "k",
            MraId = mraId,
            TreeSize = treeSize,
            CreatedAt = createdAt,
        };
}
