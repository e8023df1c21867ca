using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

public sealed record ImportResult(string File, int Rows, int Registered, int Updated, int Unchanged);

internal sealed record ImportProgress(string Stage, long Done, long Total);

/// <summary>
/// Imports operators from CSV (<c>tin,legal_name,economy,roles,employees,turnover,sector,consent</c>; roles
/// separated by <c>;</c>). All or nothing: every row is validated before anything is written, a bad row stops
/// the import with file, line, column and reason, and the writes happen in one transaction. A TIN already in
/// the registry is updated.
/// </summary>
internal static class ImportOperators
{
    public static readonly string[] Required = ["tin", "legal_name", "economy", "roles"];
    public static readonly string[] Optional = ["employees", "turnover", "sector", "consent"];

    /// <summary>Stop collecting errors after this many: the file needs fixing anyway.</summary>
    private const int MaxErrors = 50;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/operators/import", Handle)
            .WithName(nameof(ImportOperators))
            .WithTags("Registry")
            .RequireAuthorization(Policies.OperatorEditors)
            .Accepts<string>("text/csv")
            .WithUploadLimit(api, o => o.ImportMegabytes)
            .WithSummary(
                "Import operators from a CSV body (UTF-8, or the charset its Content-Type names); all or nothing, "
                    + "errors name line and column."
            );

    public static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request,
        [FromQuery, Limit(nameof(Limits.FileName))] string? file,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var spooled = await Uploads.SpoolAsync(request, file, ct);
        if (!spooled.IsOk)
        {
            return Problems.Invalid(spooled.Errors);
        }

        using var upload = spooled.Value!;
        try
        {
            using var input = CsvInput.OpenFile(upload.Path, upload.DisplayName, upload.Encoding);
            return TypedResults.Ok(await Run(input, Actor.From(user)!, db, clock, null, ct));
        }
        catch (FileImportException e)
        {
            return FileProblems.From(e);
        }
    }

    public static async Task<ImportResult> Run(
        CsvInput input,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    )
    {
        input.RequireColumns(Required, Optional);
        var known = await db.EconomyCodesAsync(ct);
        var now = clock.GetUtcNow();
        var rows = new List<(int Line, Operator Operator)>();
        var firstLine = new Dictionary<Tin, int>();
        var errors = new List<FileError>();

        while (errors.Count < MaxErrors && input.Read())
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<FileError>();
            var tin = Tin.Parse(input.Text("tin"));
            if (!tin.IsOk)
            {
                rowErrors.Add(input.Error("tin", tin.Errors[0].Message));
            }

            var (roles, unknownRole) = OperatorRoleNames.Parse(input.Text("roles"));
            if (unknownRole is not null)
            {
                rowErrors.Add(
                    input.Error("roles", $"'{unknownRole}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}")
                );
            }

            var employees = input.Int("employees", rowErrors);
            var turnover = input.Decimal("turnover", rowErrors);
            var consent = input.Bool("consent", rowErrors);
            if (rowErrors.Count == 0)
            {
                var details = new OperatorDetails(
                    input.Text("legal_name") ?? "",
                    input.Text("economy"),
                    roles,
                    employees,
                    turnover,
                    input.Text("sector"),
                    consent ?? false
                );
                var registered = Operator.Register(tin.Value, details, known, now);
                if (registered.IsOk)
                {
                    if (firstLine.TryGetValue(tin.Value, out var earlier))
                    {
                        rowErrors.Add(
                            input.Error("tin", $"{tin.Value} appears again (first on line {earlier}); a file holds each operator once")
                        );
                    }
                    else
                    {
                        firstLine[tin.Value] = input.Line;
                        rows.Add((input.Line, registered.Value!));
                    }
                }
                else
                {
                    rowErrors.AddRange(registered.Errors.Select(e => input.Error(ColumnOf(e.Field), e.Message)));
                }
            }

            errors.AddRange(rowErrors);
            if (rows.Count % 10_000 == 0)
            {
                progress?.Report(new ImportProgress("Reading", input.Position, input.Length ?? 0));
            }
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors.Take(MaxErrors).ToList());
        }

        progress?.Report(new ImportProgress("Reading", input.Length ?? 0, input.Length ?? 0));
        return await Write(input.FileName, rows.Select(r => r.Operator).ToList(), actor, db, now, progress, ct);
    }

    private static async Task<ImportResult> Write(
        string file,
        List<Operator> incoming,
        Actor actor,
        OpenAeoDb db,
        DateTimeOffset now,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    )
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = new Dictionary<Tin, Operator>();
            if (await db.Operators().AnyAsync(ct))
            {
                foreach (var chunk in incoming.Select(o => o.Tin).Chunk(2_000))
                {
                    foreach (var o in await db.Operators().Where(o => chunk.Contains(o.Tin)).ToListAsync(ct))
                    {
                        existing[o.Tin] = o;
                    }
                }
            }

            var known = await db.EconomyCodesAsync(ct);
            int updated = 0,
                unchanged = 0;
            var fresh = new List<Operator>();
            foreach (var o in incoming)
            {
                if (existing.TryGetValue(o.Tin, out var current))
                {
                    var changes = current.Update(o.Details, known, now);
                    if (changes.Value!.Count > 0)
                    {
                        db.Entry(current).State = EntityState.Modified;
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else
                {
                    fresh.Add(o);
                }
            }

            progress?.Report(new ImportProgress("Writing", 0, incoming.Count));
            var registered = await db.InsertAsync(fresh, ct);
            db.Audit(
                now,
                actor.Name,
                "operators.imported",
                "operators",
                $"import of {file}",
                new
                {
                    file,
                    rows = incoming.Count,
                    registered,
                    updated,
                    unchanged,
                }
            );
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progress?.Report(new ImportProgress("Writing", incoming.Count, incoming.Count));
            return new ImportResult(file, incoming.Count, registered, updated, unchanged);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static string ColumnOf(string? field) =>
        field switch
        {
            "legalName" => "legal_name",
            "consentToExchange" => "consent",
            null => "tin",
            _ => field,
        };
}
