using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using OpenAeo.MutualRecognition;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.TimeRelease;

/// <summary>A study as the CLI, the API and the web form give it: text, checked by <see cref="StudyDefinition.Create"/>.</summary>
/// <param name="OfficeTimeZone">Days are counted in this zone for rows without <c>office_tz</c> (default UTC).</param>
/// <param name="MraName">Only in a saved definition: the name of the MRA whose entry into force was resolved as <paramref name="Split"/>.</param>
/// <param name="Confidence">The level of every interval (0.95 by default; 0.9 or 90%).</param>
/// <param name="Bootstrap">Bootstrap replicates (1,000 by default; 0 for none).</param>
/// <param name="Seed">The bootstrap's seed (1 by default): the same seed gives the same intervals.</param>
/// <param name="Treated">The treated group of a difference-in-differences, as column=value (aeo=true, origin=JP).</param>
/// <param name="Control">Its control group as column=value; every other declaration when omitted.</param>
/// <param name="AsOf">The end of the data (a timestamp or a day): declarations not ended by then are censored; default the file's latest timestamp.</param>
internal sealed record StudyRequest(
    [Limit(nameof(Limits.StudyTerm))] string? Stage,
    [Limit(nameof(Limits.StudyGroups))] IReadOnlyList<string>? GroupBy,
    [Limit(nameof(Limits.StudyTerm))] string? Split,
    [Limit(nameof(Limits.StudyTerm))] string? Mra,
    [Limit(nameof(Limits.StudyTerm))] string? BeforeFrom,
    [Limit(nameof(Limits.StudyTerm))] string? AfterTo,
    [Limit(nameof(Limits.StudyTerm))] string? PeriodBy,
    [Limit(nameof(Limits.StudyTerm))] string? Target,
    [Limit(nameof(Limits.StudyTerm))] string? ExtremeCap,
    bool Signed,
    [Limit(nameof(Limits.TimeZone))] string? OfficeTimeZone,
    [Limit(nameof(Limits.Name))] string? MraName = null,
    [Limit(nameof(Limits.StudyTerm))] string? Confidence = null,
    [Limit(nameof(Limits.Bootstrap))] int? Bootstrap = null,
    [Limit(nameof(Limits.Seed))] long? Seed = null,
    [Limit(nameof(Limits.StudyTerm))] string? Treated = null,
    [Limit(nameof(Limits.StudyTerm))] string? Control = null,
    [Limit(nameof(Limits.StudyTerm))] string? AsOf = null)
{
    /// <summary>A definition as a user gives it: an MRA is looked up in <paramref name="registry"/>.</summary>
    public Result<StudyDefinition> ToDefinition(IReadOnlyList<MraOption> registry) =>
        StudyDefinition.Create(Stage, GroupBy, Split, Mra, BeforeFrom, AfterTo, PeriodBy, Target, ExtremeCap, Signed, OfficeTimeZone, IsTimeZone, registry,
            Confidence, Bootstrap, Seed, Treated, Control, AsOf);

    /// <summary>
    /// A saved definition (<see cref="From"/>): an MRA split keeps the entry-into-force date it was resolved to when the
    /// study was saved, so a re-run repeats the study exactly even if the registry changes in between.
    /// </summary>
    public Result<StudyDefinition> Stored()
    {
        if (Mra is null || !DateOnly.TryParseExact(Split, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ToDefinition([]);
        }

        return StudyDefinition.Create(Stage, GroupBy, null, Mra, BeforeFrom, AfterTo, PeriodBy, Target, ExtremeCap, Signed, OfficeTimeZone, IsTimeZone,
            [new MraOption(Mra, MraName ?? Mra, [], "InForce", day)], Confidence, Bootstrap, Seed, Treated, Control, AsOf);
    }

    /// <summary>The saved form of a definition: as it was asked, with the split an MRA resolved to.</summary>
    public static StudyRequest From(StudyDefinition d) => new(
        d.Stage.Name, d.GroupBy, Day(d.Split), d.Mra, Day(d.BeforeFrom), Day(d.AfterTo), d.PeriodBy,
        Seconds(d.TargetSeconds), Seconds(d.Stage.ExtremeCapSeconds), d.Stage.IsSigned, d.DefaultTimeZone, d.MraName,
        d.Rigour.Level.ToString("R", CultureInfo.InvariantCulture), d.Rigour.Bootstrap, d.Rigour.Seed, d.Rigour.Treated?.ToString(), d.Rigour.Control?.ToString(),
        d.AsOfMicros is { } asOf ? Timestamps.Format(asOf) : null);

    private static bool IsTimeZone(string name) => TimeZones.Find(name) is not null;

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Seconds(double? seconds) => seconds is { } s ? s.ToString("R", CultureInfo.InvariantCulture) + "s" : null;
}

/// <summary>The MRA registry as time release studies read it: every MRA with its parties (blocs with their members) and entry into force.</summary>
internal static class StudyMras
{
    public static async Task<IReadOnlyList<MraOption>> LoadAsync(OpenAeoDb db, CancellationToken ct)
    {
        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = await db.Mras().AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        return [.. mras.Select(m => new MraOption(MraRegistry.IdText(m), m.Name,
            [.. m.Parties.Select(p => new MraParty(p, blocs.TryGetValue(p, out var members) ? members : [p]))], m.Status.ToString(), m.InForceFrom))];
    }
}

/// <summary>
/// Runs a declaration-level study on a file: the same code for <c>openaeo trs run</c>, the API and the web page.
/// A file that cannot be studied (missing columns, not CSV or Parquet, with <c>strict</c> any rejected row) fails
/// with <see cref="FileImportException"/>, listing file, line, column and reason.
/// </summary>
internal static class RunStudy
{
    public static StudyJson Execute(
        StudyEngine engine, string path, StudyInputJson input, StudyDefinition study, bool strict, IProgress<StudyProgress>? progress, CancellationToken ct)
    {
        StudyResult result;
        try
        {
            result = engine.Run(path, input.File, study, progress, ct);
        }
        catch (DuckDBException e) when (!ct.IsCancellationRequested)
        {
            // DuckDB says what, not where: a CSV is read once more, only to locate the damage by line and column.
            if (input.Format == "csv")
            {
                using var located = CsvInput.OpenFile(path, input.File);
                while (located.Read())
                {
                    ct.ThrowIfCancellationRequested();
                }
            }

            throw EventFile.Fail(input.File, 0, "the file could not be read: " + EventFile.FirstLine(e.Message));
        }

        if (strict && result.DataQuality.RejectedRows > 0)
        {
            var errors = result.Rejected.Select(r => new FileError(r.File, (int)Math.Min(int.MaxValue, r.Line), r.Column, r.ColumnName, r.Reason)).ToList();
            errors.Add(new FileError(input.File, 0, 0, null,
                $"{result.DataQuality.RejectedRows:N0} row{(result.DataQuality.RejectedRows == 1 ? "" : "s")} could not be read; with --strict any bad row stops the study"));
            throw new FileImportException(errors);
        }

        return StudyJson.From(result, input);
    }

    public static StudyInputJson Describe(string path, string displayName, string? sha256) =>
        EventFile.IsPartitioned(path)
            ? new(displayName, "parquet", EventFile.Matches(EventFile.Glob(path)).Sum(f => new FileInfo(f).Length), sha256)
            : new(displayName, EventFile.IsParquet(path) ? "parquet" : "csv", new FileInfo(path).Length, sha256);
}
