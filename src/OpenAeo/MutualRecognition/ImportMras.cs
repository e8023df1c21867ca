using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary><c>openaeo mras import</c>: all or nothing, every bad cell reported with its line and column.</summary>
internal static class ImportMras
{
    public static async Task<int> Run(CsvInput input, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        input.RequireColumns(
            ["parties", "status"],
            ["name", "signed", "in_force", "suspended", "terminated", "action_plan", "roles", "tiers", "benefits"]
        );
        var errors = new List<FileError>();
        var rows = new List<(int Line, MraRequest Request)>();
        var known = (await db.Set<Economy>().Select(e => e.Code).ToListAsync(ct)).ToHashSet();
        while (input.Read())
        {
            var parties = Split(input.Text("parties"), ',');
            var request = new MraRequest(
                input.Text("name"),
                parties,
                input.Text("status"),
                null,
                input.Date("action_plan", errors),
                input.Date("signed", errors),
                input.Date("in_force", errors),
                input.Date("suspended", errors),
                input.Date("terminated", errors),
                Split(input.Text("roles"), ';'),
                Split(input.Text("tiers"), ';'),
                Split(input.Text("benefits"), ';'),
                null,
                null,
                "imported"
            );
            var outcome = MraRegistry.Check(request, null);
            foreach (var e in outcome.Errors)
            {
                errors.Add(input.Error(Column(e.Field), e.Message));
            }

            foreach (var p in parties.Where(p => !known.Contains(p.ToUpperInvariant())))
            {
                errors.Add(input.Error("parties", $"Unknown economy or bloc '{p}'."));
            }

            rows.Add((input.Line, request));
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (_, request) in rows)
        {
            var saved = await MraRegistry.Execute(null, request, actor, db, clock, ct);
            if (!saved.IsOk)
            {
                throw new FileImportException([new FileError(input.FileName, 0, 0, null, saved.Errors[0].Message)]);
            }
        }

        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    private static string Column(string? field) =>
        field?.Split('[')[0] switch
        {
            "signedOn" => "signed",
            "inForceFrom" => "in_force",
            "suspendedOn" => "suspended",
            "terminatedOn" => "terminated",
            "actionPlanOn" => "action_plan",
            "status" or "roles" or "name" or "tiers" or "benefits" => field.Split('[')[0],
            _ => "parties",
        };

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
