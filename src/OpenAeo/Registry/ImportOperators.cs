using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

public sealed record ImportResult(string File, int Rows, int Registered, int Updated, int Unchanged);

internal sealed record ImportProgress(string Stage, long Done, long Total);

/// <summary>
/// Imports operators from CSV (<c>tin,legal_name,economy,roles,employees,turnover,sector,consent</c>; roles
/// separated by <c>;</c>). All or nothing, in one pass and one transaction: rows are checked and written batch by
/// batch (new operators through the bulk path), a bad row stops the writing with file, line, column and reason and
/// rolls everything back. A TIN already in the registry is updated. Memory holds one batch, never the file (ADR 0067).
/// </summary>
internal static class ImportOperators
{
    public static readonly string[] Required = ["tin", "legal_name", "economy", "roles"];
    public static readonly string[] Optional = ["employees", "turnover", "sector", "consent"];

    /// <summary>Stop collecting errors after this many: the file needs fixing anyway.</summary>
    private const int MaxErrors = 50;

    /// <summary>Rows checked and written together; memory holds one batch (ADR 0067).</summary>
    private const int BatchSize = 5_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/operators/import", Handle).Accepts<string>("text/csv").WithUploadLimit(api, o => o.ImportMegabytes);

    [Authorize(Policies.OperatorEditors)]
    [EndpointSummary(
        "Import operators from a CSV body (UTF-8, or the charset its Content-Type names); all or nothing, " + "errors name line and column."
    )]
    public static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request,
        [FromQuery, Limit(nameof(Limits.FileName))] string? file,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        return await Uploads.ImportAsync<ImportResult>(
            request,
            file,
            async upload =>
            {
                using var input = CsvInput.OpenFile(upload.Path, upload.DisplayName, upload.Encoding);
                return TypedResults.Ok(await Run(input, Actor.From(user)!, db, clock, null, ct));
            },
            ct
        );
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
        var errors = new List<FileError>();
        var counts = new Counts();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var keys = await ImportKeys.CreateAsync(db, ct);
            var registry = await db.Operators().AnyAsync(ct);
            var batch = new List<(int Line, Operator Operator)>(BatchSize);
            while (errors.Count < MaxErrors && input.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (Check(input, known, now, errors) is { } registered)
                {
                    batch.Add((input.Line, registered));
                }

                if (batch.Count == BatchSize)
                {
                    await Write(batch, input, keys, registry, known, now, errors, counts, db, ct);
                    progress?.Report(new ImportProgress("Reading", input.Position, input.Length ?? 0));
                }
            }

            await Write(batch, input, keys, registry, known, now, errors, counts, db, ct);
            if (errors.Count > 0)
            {
                // Disposing the transaction uncommitted rolls back the batches written before the first bad row.
                throw new FileImportException([.. errors.OrderBy(e => e.Line).Take(MaxErrors)]);
            }

            await keys.DropAsync(ct);
            var rows = counts.Registered + counts.Updated + counts.Unchanged;
            db.Audit(
                now,
                actor.Name,
                "operators.imported",
                "operators",
                $"import of {input.FileName}",
                new
                {
                    file = input.FileName,
                    rows,
                    registered = counts.Registered,
                    updated = counts.Updated,
                    unchanged = counts.Unchanged,
                }
            );
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progress?.Report(new ImportProgress("Writing", rows, rows));
            return new ImportResult(input.FileName, rows, counts.Registered, counts.Updated, counts.Unchanged);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Rows a file holds, by what the import did with them.</summary>
    private sealed class Counts
    {
        public int Registered;
        public int Updated;
        public int Unchanged;
    }

    /// <summary>The operator a row registers, or null with the row's errors added.</summary>
    private static Operator? Check(CsvInput input, IReadOnlySet<string> known, DateTimeOffset now, List<FileError> errors)
    {
        var before = errors.Count;
        var tin = Tin.Parse(input.Text("tin"));
        if (!tin.IsOk)
        {
            errors.Add(input.Error("tin", tin.Errors[0].Message));
        }

        var (roles, unknownRole) = OperatorRoleNames.Parse(input.Text("roles"));
        if (unknownRole is not null)
        {
            errors.Add(
                input.Error("roles", $"'{unknownRole}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}")
            );
        }

        var employees = input.Int("employees", errors);
        var turnover = input.Decimal("turnover", errors);
        var consent = input.Bool("consent", errors);
        if (errors.Count > before)
        {
            return null;
        }

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
        if (!registered.IsOk)
        {
            errors.AddRange(registered.Errors.Select(e => input.Error(ColumnOf(e.Field), e.Message)));
            return null;
        }

        return registered.Value;
    }

    /// <summary>
    /// Writes a batch in the import's transaction: a TIN the registry holds is updated, a new one is registered through the
    /// bulk path. A TIN met before in the file (in this batch, or in an earlier one by the keys table) is an error; once the
    /// file has an error nothing more is written, but repeats are still found. Memory holds one batch, never the file.
    /// </summary>
    private static async Task Write(
        List<(int Line, Operator Operator)> batch,
        CsvInput input,
        ImportKeys keys,
        bool registry,
        IReadOnlySet<string> known,
        DateTimeOffset now,
        List<FileError> errors,
        Counts counts,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        var lines = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        var once = new List<(int Line, Operator Operator)>(batch.Count);
        foreach (var row in batch)
        {
            if (lines.TryGetValue(row.Operator.Tin.Value, out var earlier))
            {
                errors.Add(Again(input, row.Operator.Tin.Value, row.Line, earlier));
            }
            else
            {
                lines[row.Operator.Tin.Value] = row.Line;
                once.Add(row);
            }
        }

        foreach (var (tin, first) in await keys.AddAsync([.. lines.Select(l => (l.Key, l.Value))], ct))
        {
            errors.Add(Again(input, tin, lines[tin], first));
        }

        batch.Clear();
        if (errors.Count > 0)
        {
            return;
        }

        var existing = new Dictionary<Tin, Operator>();
        if (registry)
        {
            foreach (var chunk in once.Select(r => r.Operator.Tin).Chunk(2_000))
            {
                foreach (var o in await db.Operators().Where(o => chunk.Contains(o.Tin)).ToListAsync(ct))
                {
                    existing[o.Tin] = o;
                }
            }
        }

        var fresh = new List<Operator>(once.Count);
        foreach (var (_, o) in once)
        {
            if (!existing.TryGetValue(o.Tin, out var current))
            {
                fresh.Add(o);
            }
            else if (current.Update(o.Details, known, now).Value!.Count > 0)
            {
                db.Entry(current).State = EntityState.Modified;
                counts.Updated++;
            }
            else
            {
                counts.Unchanged++;
            }
        }

        counts.Registered += await db.InsertAsync(fresh, ct);
        if (existing.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static FileError Again(CsvInput input, string tin, int line, int first) =>
        input.Error("tin", $"{tin} appears again (first on line {first}); a file holds each operator once") with
        {
            Line = line,
        };

    private static string ColumnOf(string? field) =>
        field switch
        {
            "legalName" => "legal_name",
            "consentToExchange" => "consent",
            null => "tin",
            _ => field,
        };
}
