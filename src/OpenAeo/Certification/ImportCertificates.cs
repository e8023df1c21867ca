using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CertificateImportResult(string File, int Rows, int Active, int Suspended);

/// <summary>
/// Imports an existing AEO register for an administration moving onto OpenAeo: CSV with
/// <c>tin,programme,certificate_number,tier,valid_from,valid_until,status</c>. All or nothing; the operator must
/// exist; the programme must be one of this node's economy (ADR 0012: other economies' programmes are reference data
/// here); <c>valid_until</c> empty means indefinite; <c>status</c> is Active or Suspended. Each certificate gets a
/// Granted event (and a Suspended event), as if OpenAeo had issued it, so the status log can publish it.
/// </summary>
internal static class ImportCertificates
{
    public static readonly string[] Columns = ["tin", "programme", "certificate_number", "tier", "valid_from", "valid_until", "status"];

    /// <summary>Certificates written together through the bulk path.</summary>
    private const int BatchSize = 5_000;

    public static async Task<CertificateImportResult> Run(
        CsvInput input,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        string nodeEconomy,
        CancellationToken ct
    )
    {
        input.RequireColumns(["tin", "programme", "certificate_number", "valid_from", "status"], ["tier", "valid_until"]);
        var now = clock.GetUtcNow();
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var operators = (await db.Operators().Select(o => o.Tin).ToListAsync(ct)).ToHashSet();
        var taken = (await db.Certificates().Select(c => c.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var inFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var certificates = new List<Certificate>();
        var errors = new List<FileError>();
        var suspended = 0;
        while (errors.Count < 50 && input.Read())
        {
            var rowErrors = new List<FileError>();
            var tin = Tin.Parse(input.Text("tin"));
            if (!tin.IsOk)
            {
                rowErrors.Add(input.Error("tin", tin.Errors[0].Message));
            }
            else if (!operators.Contains(tin.Value))
            {
                rowErrors.Add(input.Error("tin", $"operator {tin.Value} is not in the registry; import operators first"));
            }

            var code = input.Text("programme")?.ToUpperInvariant();
            if (code is null || !programmes.TryGetValue(code, out var programme))
            {
                rowErrors.Add(input.Error("programme", $"'{code}' is not a programme (name it by its code, e.g. TW)"));
                programme = null;
            }
            else if (Jurisdiction.Refusal(nodeEconomy, programme, "import certificates") is { } foreign)
            {
                rowErrors.Add(input.Error("programme", foreign.Message));
                programme = null;
            }

            var from = input.Date("valid_from", rowErrors);
            var until = input.Date("valid_until", rowErrors);
            var status = input.Text("status");
            var isSuspended = string.Equals(status, "Suspended", StringComparison.OrdinalIgnoreCase);
            if (!isSuspended && !string.Equals(status, "Active", StringComparison.OrdinalIgnoreCase))
            {
                rowErrors.Add(input.Error("status", $"'{status}' is not Active or Suspended"));
            }

            if (from is null && rowErrors.All(e => e.ColumnName != "valid_from"))
            {
                rowErrors.Add(input.Error("valid_from", "a start date is required"));
            }

            if (rowErrors.Count == 0)
            {
                var issued = Certificate.Issue(
                    input.Text("certificate_number") ?? "",
                    programme!.Code,
                    tin.Value,
                    input.Text("tier"),
                    programme.Tiers,
                    from!.Value,
                    until,
                    null,
                    now,
                    actor.Name
                );
                if (!issued.IsOk)
                {
                    rowErrors.AddRange(
                        issued.Errors.Select(e =>
                            input.Error(
                                e.Field switch
                                {
                                    "number" => "certificate_number",
                                    "validUntil" => "valid_until",
                                    _ => e.Field ?? "certificate_number",
                                },
                                e.Message
                            )
                        )
                    );
                }
                else if (taken.Contains(issued.Value!.Number))
                {
                    rowErrors.Add(input.Error("certificate_number", $"certificate {issued.Value.Number} already exists"));
                }
                else if (inFile.TryGetValue(issued.Value.Number, out var line))
                {
                    rowErrors.Add(
                        input.Error("certificate_number", $"certificate {issued.Value.Number} appears again (first on line {line})")
                    );
                }
                else
                {
                    inFile[issued.Value.Number] = input.Line;
                    var today = ApplicationContext.LocalToday(programme, now);
                    if (isSuspended)
                    {
                        issued.Value.Suspend(
                            "suspended in the imported register",
                            today < issued.Value.ValidFrom ? issued.Value.ValidFrom : today,
                            today < issued.Value.ValidFrom ? issued.Value.ValidFrom : today,
                            now,
                            actor.Name
                        );
                        suspended++;
                    }

                    certificates.Add(issued.Value);
                }
            }

            errors.AddRange(rowErrors);
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors);
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var batch in certificates.Chunk(BatchSize))
            {
                await Write(db, batch, ct);
            }

            db.Audit(
                now,
                actor.Name,
                "certificates.imported",
                "certificates",
                $"import of {input.FileName}",
                new
                {
                    file = input.FileName,
                    rows = certificates.Count,
                    suspended,
                }
            );
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            // The bulk path writes past the change tracker: what recognition kept of these holders is stale here now
            // (ADR 0068); another process's caches keep it for Caching:KeptSeconds at most.
            db.GetService<CachedDataVersion>().SavedHere();
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        return new CertificateImportResult(input.FileName, certificates.Count, certificates.Count - suspended, suspended);
    }

    /// <summary>
    /// Writes certificates and their events (Granted, and Suspended for a suspended one) through the provider's bulk path
    /// (ADR 0067): the same rows <c>SaveChanges</c> wrote. The certificates' ids are the database's, so they are read back
    /// by number for the events that point at them.
    /// </summary>
    private static async Task Write(OpenAeoDb db, Certificate[] batch, CancellationToken ct)
    {
        await db.InsertAsync(batch, ct);
        var numbers = batch.Select(c => c.Number).ToArray();
        var ids = await db.Certificates()
            .Where(c => numbers.Contains(c.Number))
            .Select(c => new { c.Number, c.Id })
            .ToDictionaryAsync(c => c.Number, c => c.Id, ct);
        var events = new List<CertificateEvent>(batch.Length * 2);
        foreach (var certificate in batch)
        {
            foreach (var e in certificate.Events)
            {
                db.Entry(e).Property(x => x.CertificateId).CurrentValue = ids[certificate.Number];
                events.Add(e);
            }
        }

        await db.InsertAsync(events, ct);
    }
}
