using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record DeclarationImportResult(string File, int Rows, int Green, int Blue, int Yellow, int Red, long Events);

/// <summary>
/// Imports declarations from CSV or Parquet, one row per declaration, and decides each lane at its lodgement time.
/// All or nothing, in one pass and one transaction: each row is checked (file, line, column, reason), decided and written
/// through the provider's bulk path (ADR 0067); a bad row rolls everything back. Milestone columns, when present, become
/// the declaration's events (past declarations from another system, or generated traffic).
/// </summary>
internal static class ImportDeclarations
{
    public static readonly string[] Required =
    [
        "declaration_id",
        "type",
        "mode",
        "origin",
        "destination",
        "office",
        "office_tz",
        "hs_codes",
        "item_values",
        "lodged_at",
    ];

    /// <summary>Party columns by role, in the order a declaration lists them.</summary>
    public static readonly (string Column, PartyRole Role)[] PartyColumns =
    [
        ("importer_tin", PartyRole.Importer),
        ("exporter_tin", PartyRole.Exporter),
        ("consignor_tin", PartyRole.Consignor),
        ("broker_tin", PartyRole.CustomsBroker),
        ("carrier_tin", PartyRole.Carrier),
        ("forwarder_tin", PartyRole.FreightForwarder),
        ("warehouse_tin", PartyRole.Warehouse),
        ("platform_tin", PartyRole.EcommercePlatform),
    ];

    /// <summary>Milestones after lodgement a file may carry, by column.</summary>
    public static readonly (string Column, Milestone Milestone)[] MilestoneColumns =
    [
        ("registered_at", Milestone.Registered),
        ("lane_assigned_at", Milestone.LaneAssigned),
        ("oga_permit_requested_at", Milestone.OgaPermitRequested),
        ("oga_permit_granted_at", Milestone.OgaPermitGranted),
        ("documentary_check_start_at", Milestone.DocumentaryCheckStarted),
        ("documentary_check_end_at", Milestone.DocumentaryCheckEnded),
        ("examination_start_at", Milestone.ExaminationStarted),
        ("examination_end_at", Milestone.ExaminationEnded),
        ("released_at", Milestone.Released),
        ("delivered_at", Milestone.Delivered),
    ];

    public static readonly string[] Optional =
    [
        .. PartyColumns.Select(p => p.Column),
        "descriptions",
        "customs_value",
        "low_value_ecommerce",
        "arrival_at",
        .. MilestoneColumns.Select(m => m.Column),
    ];

    private const int MaxErrors = 50;
    private const int BatchSize = 5_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/declarations/import", Handle).Accepts<string>("text/csv").WithUploadLimit(api, o => o.ImportMegabytes);

    [Authorize(ClearanceModule.BorderOfficers)]
    [EndpointSummary(
        "Import declarations from a CSV body (UTF-8, or the charset its Content-Type names); all or "
            + "nothing, errors name line and column; lanes decided at each lodgement time."
    )]
    public static async Task<Results<Ok<DeclarationImportResult>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request,
        [FromQuery, Limit(nameof(Limits.FileName))] string? file,
        ClaimsPrincipal user,
        OpenAeoDb db,
        AnalyticsDatabase analytics,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        return await Uploads.ImportAsync<DeclarationImportResult>(
            request,
            file,
            async upload =>
                TypedResults.Ok(
                    await Run(
                        upload.Path,
                        upload.DisplayName,
                        Actor.From(user)!,
                        db,
                        analytics,
                        node.Economy,
                        clock,
                        null,
                        ct,
                        upload.Encoding
                    )
                ),
            ct
        );
    }

    /// <param name="encoding">A CSV file's encoding; UTF-8 when not given.</param>
    public static async Task<DeclarationImportResult> Run(
        string path,
        string displayName,
        Actor actor,
        OpenAeoDb db,
        AnalyticsDatabase analytics,
        string nodeEconomy,
        TimeProvider clock,
        IProgress<ImportProgress>? progress,
        CancellationToken ct,
        System.Text.Encoding? encoding = null
    )
    {
        string? temporary = null;
        try
        {
            if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                // Parquet rows become CSV lines (row n is line n + 1), so both formats share one reader and one set of checks.
                temporary = Path.GetTempFileName();
                ParquetToCsv(analytics, path, temporary, displayName);
                path = temporary;
                encoding = null;
            }

            var snapshot = await SelectivitySnapshot.LoadAsync(db, nodeEconomy, null, clock, ct);
            using var input = CsvInput.OpenFile(path, displayName, encoding);
            var (file, charset) = (path, encoding);
            return await Import(input, () => CsvInput.OpenFile(file, displayName, charset), snapshot, actor, db, clock, progress, ct);
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    private static void ParquetToCsv(AnalyticsDatabase analytics, string parquet, string csv, string displayName)
    {
        using var connection = analytics.Open();
        try
        {
            AnalyticsDatabase.Execute(connection, "SET preserve_insertion_order = true");
            AnalyticsDatabase.Execute(
                connection,
                $"COPY (SELECT * FROM read_parquet({AnalyticsDatabase.Literal(parquet)})) TO "
                    + $"{AnalyticsDatabase.Literal(csv)} (HEADER, DELIMITER ',')"
            );
        }
        catch (DuckDBException e)
        {
            throw new FileImportException([new FileError(displayName, 0, 0, null, $"not a readable Parquet file: {e.Message}")]);
        }
    }

    /// <summary>A row read into a declaration and its known milestones.</summary>
    private sealed record Row(
        DeclarationDetails Details,
        DateTimeOffset? Arrival,
        DateTimeOffset Lodged,
        List<(Milestone, DateTimeOffset)> History
    );

    /// <summary>
    /// One pass over the file: each row is parsed, checked, decided and written in the same step, batch by batch, through the
    /// provider's bulk path inside one transaction; the first bad row stops the writing (the rest of the file is still read
    /// for more errors) and the transaction is rolled back, so nothing is written. Memory holds one batch, not the file.
    /// A reference the file repeats or the database holds already is refused by the unique index and named by its line.
    /// </summary>
    /// <param name="reopen">Opens the file again from its start (to name the first line of a repeated reference).</param>
    private static async Task<DeclarationImportResult> Import(
        CsvInput input,
        Func<CsvInput> reopen,
        SelectivitySnapshot snapshot,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    )
    {
        input.RequireColumns(Required, Optional);
        var now = clock.GetUtcNow();
        var counts = new int[4];
        var tally = new LaneTally();
        long eventCount = 0;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ids = new SequentialIds(now);
        var errors = new List<FileError>();
        var platforms = new Dictionary<string, FileError>(StringComparer.Ordinal);
        var timings = new ImportTimings("declarations import");
        try
        {
            await using var large = await db.LargeWriteAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Reading, checking and deciding rows (this thread) overlaps writing the batch before (the writer's task): on two
            // cores, the one does not wait for the other.
            var parents = await ParentsCheckedPerBatch.ForAsync<Declaration>(
                db,
                ct,
                typeof(DeclarationItemRow),
                typeof(DeclarationEvent),
                typeof(AgencyCase)
            );
            var writer = new Writer(db, parents, input.FileName, reopen, timings);
            var preparer = db.Preparing();
            var writing = writer.Run(ct);
            var batch = new Batch();
            var done = 0;
            var mark = Stopwatch.GetTimestamp();
            try
            {
                while (errors.Count < MaxErrors && input.Read())
                {
                    ct.ThrowIfCancellationRequested();
                    var row = Parse(input, snapshot.Economies, errors);
                    if (row is null)
                    {
                        continue;
                    }

                    PlatformParty.Note(row.Details, input, platforms);
                    if (errors.Count > 0 || writer.HasRefused)
                    {
                        continue;
                    }

                    mark = timings.Add("read and check", mark);
                    var decided = snapshot.Decide(row.Details, row.Lodged);
                    mark = timings.Add("decide", mark);
                    var (declaration, history, agencyCases) = DeclarationRows.For(
                        decided,
                        ids.Next(),
                        actor.Name,
                        row.Arrival,
                        row.History,
                        now
                    );
                    batch.Add(declaration, history, agencyCases, input.Line);
                    counts[(int)declaration.Lane]++;
                    tally.Add(decided.Decision);
                    mark = timings.Add("rows", mark);
                    if (batch.Declarations.Count == BatchSize)
                    {
                        done += batch.Declarations.Count;
                        batch.Prepare(preparer, parents.PerBatch);
                        mark = timings.Add("prepare values", mark);
                        await writer.Batches.Writer.WriteAsync(batch, ct);
                        batch = new Batch();
                        progress?.Report(new ImportProgress("Reading", input.Position, input.Length ?? 0));
                        mark = Stopwatch.GetTimestamp();
                    }
                }

                if (errors.Count == 0 && !writer.HasRefused)
                {
                    done += batch.Declarations.Count;
                    batch.Prepare(preparer, parents.PerBatch);
                    timings.Add("prepare values", mark);
                    await writer.Batches.Writer.WriteAsync(batch, ct);
                }

                writer.Batches.Writer.TryComplete();
            }
            catch (ChannelClosedException)
            {
                // The writer failed and closed the way in; awaiting it below throws its exception.
            }
            catch (Exception e)
            {
                // Stop the writer and wait for it: the transaction it writes in is disposed on the way out.
                writer.Batches.Writer.TryComplete(e);
                await writing.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }

            eventCount = await writing;
            errors.AddRange(writer.Refused);
            mark = Stopwatch.GetTimestamp();

            errors.AddRange(await PlatformParty.UnregisteredIn(db, platforms, ct));
            if (errors.Count > 0)
            {
                // Disposing the transaction uncommitted rolls it back (a refused batch has rolled it back already).
                throw new FileImportException([.. errors.OrderBy(e => e.Line).Take(MaxErrors)]);
            }

            db.Audit(
                now,
                actor.Name,
                "declarations.imported",
                "declarations",
                $"import of {input.FileName}",
                new
                {
                    file = input.FileName,
                    rows = done,
                    green = counts[0],
                    blue = counts[1],
                    yellow = counts[2],
                    red = counts[3],
                    events = eventCount,
                }
            );
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            timings.Add("commit", mark);
            timings.Log(ImportTimings.Logger(db), done);
            tally.CountCommitted("import");
            progress?.Report(new ImportProgress("Writing", done, done));
            return new DeclarationImportResult(input.FileName, done, counts[0], counts[1], counts[2], counts[3], eventCount);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Writes the batches the reading thread hands over, in order, on a task of its own. After a refused batch it writes
    /// nothing more (the transaction is spoiled) and keeps the refused rows' errors; any other failure closes the way in, so the
    /// reading thread stops at its next batch.
    /// </summary>
    private sealed class Writer(OpenAeoDb db, ParentsCheckedPerBatch parents, string file, Func<CsvInput> reopen, ImportTimings timings)
    {
        /// <summary>Two batches waiting at most, so memory holds a few batches, not the file.</summary>
        public readonly Channel<Batch> Batches = Channel.CreateBounded<Batch>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true }
        );

        public readonly List<FileError> Refused = [];
        private volatile bool refused;

        public bool HasRefused => refused;

        /// <returns>The events written.</returns>
        public Task<long> Run(CancellationToken ct) =>
            Task.Run(
                async () =>
                {
                    long events = 0;
                    try
                    {
                        await foreach (var batch in Batches.Reader.ReadAllAsync(ct))
                        {
                            if (!refused)
                            {
                                events += await Flush(db, parents, batch, file, reopen, Refused, timings, ct);
                                refused = Refused.Count > 0;
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        Batches.Writer.TryComplete(e);
                        throw;
                    }

                    return events;
                },
                ct
            );
    }

    /// <summary>The rows of up to <see cref="BatchSize"/> declarations waiting to be written, with the line each came from, and
    /// their values as the provider takes them (worked out on the reading thread, so the writer only writes).</summary>
    private sealed class Batch
    {
        public readonly List<Declaration> Declarations = new(BatchSize);
        public readonly List<int> Lines = new(BatchSize);
        public readonly List<DeclarationItemRow> Items = new(BatchSize * 2);
        public readonly List<DeclarationEvent> Events = new(BatchSize * 10);
        public readonly List<AgencyCase> Cases = [];

        /// <summary>The declarations the items, events and cases name, when their foreign keys are checked once a batch.</summary>
        public readonly HashSet<Guid> Named = new(BatchSize);
        public BulkInsert.PreparedRows? PreparedDeclarations,
            PreparedItems,
            PreparedEvents,
            PreparedCases;

        public void Add(Declaration declaration, List<DeclarationEvent> events, List<AgencyCase> cases, int line)
        {
            Declarations.Add(declaration);
            Lines.Add(line);
            Items.AddRange(declaration.Items);
            Events.AddRange(events);
            Cases.AddRange(cases);
        }

        public void Prepare(BulkInsert.RowPreparer preparer, bool nameParents)
        {
            if (nameParents)
            {
                Named.UnionWith(Items.Select(i => i.DeclarationId));
                Named.UnionWith(Events.Select(e => e.DeclarationId));
                Named.UnionWith(Cases.Select(c => c.DeclarationId));
            }

            PreparedDeclarations = preparer.Prepare(Declarations);
            PreparedItems = preparer.Prepare(Items);
            PreparedEvents = preparer.Prepare(Events);
            PreparedCases = preparer.Prepare(Cases);
        }

        public void Clear()
        {
            Declarations.Clear();
            Lines.Clear();
            Items.Clear();
            Events.Clear();
            Cases.Clear();
            Named.Clear();
            PreparedDeclarations = PreparedItems = PreparedEvents = PreparedCases = null;
        }
    }

    /// <summary>
    /// Ids for one import: a version-7 prefix taken at the import's time and a counter in the last four bytes, so rows
    /// enter the primary key and the events' index in order instead of scattering over the whole B-tree.
    /// </summary>
    private sealed class SequentialIds(DateTimeOffset now)
    {
        private readonly byte[] bytes = Guid.CreateVersion7(now).ToByteArray(bigEndian: true);
        private uint counter;

        public Guid Next()
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), ++counter);
            return new Guid(bytes, bigEndian: true);
        }
    }

    /// <summary>
    /// Writes a batch; when the unique index on the reference refuses it, adds an error at each refused row instead (the
    /// transaction is spoiled then and is rolled back by the caller). Returns the events written.
    /// </summary>
    private static async Task<int> Flush(
        OpenAeoDb db,
        ParentsCheckedPerBatch parents,
        Batch batch,
        string file,
        Func<CsvInput> reopen,
        List<FileError> errors,
        ImportTimings timings,
        CancellationToken ct
    )
    {
        var mark = Stopwatch.GetTimestamp();
        try
        {
            await db.InsertAsync(batch.PreparedDeclarations!, ct);
            mark = timings.Add("write declarations", mark);
        }
        catch (Exception e) when (UniqueViolations.IsUniqueViolation(e))
        {
            errors.AddRange(await Repeated(db, batch, file, reopen));
            if (errors.Count == 0)
            {
                throw;
            }

            return 0;
        }

        var n = 0;
        await parents.WriteAsync(
            batch.Named,
            async () =>
            {
                await db.InsertAsync(batch.PreparedItems!, ct);
                mark = timings.Add("write items", mark);
                n = await db.InsertAsync(batch.PreparedEvents!, ct);
                mark = timings.Add("write events", mark);
                await db.InsertAsync(batch.PreparedCases!, ct);
                mark = timings.Add("write agency cases", mark);
            },
            ct
        );
        if (parents.PerBatch)
        {
            timings.Add("check parents", mark);
        }

        batch.Clear();
        return n;
    }

    /// <summary>
    /// The rows of a refused batch whose reference was imported or lodged before, or appears earlier in the file. Runs after
    /// the refusal, outside the spoiled transaction's statements: it rolls back first, then reads the file again up to the
    /// batch (holding only the batch's references).
    /// </summary>
    private static async Task<List<FileError>> Repeated(OpenAeoDb db, Batch batch, string file, Func<CsvInput> reopen)
    {
        await db.Database.RollbackTransactionAsync(CancellationToken.None);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<FileError>();
        for (var i = 0; i < batch.Declarations.Count; i++)
        {
            if (!lines.TryAdd(batch.Declarations[i].Reference, batch.Lines[i]))
            {
                errors.Add(Again(file, batch.Declarations[i].Reference, batch.Lines[i], lines[batch.Declarations[i].Reference]));
            }
        }

        foreach (var chunk in lines.Keys.Chunk(2_000))
        {
            foreach (
                var existing in await db.Declarations()
                    .Where(d => chunk.Contains(d.Reference))
                    .Select(d => d.Reference)
                    .ToListAsync(CancellationToken.None)
            )
            {
                errors.Add(
                    new FileError(file, lines[existing], 1, "declaration_id", $"declaration {existing} was imported or lodged already")
                );
                lines.Remove(existing);
            }
        }

        var first = batch.Lines[0];
        using var again = reopen();
        again.RequireColumns(Required, Optional);
        while (again.Read() && again.Line < first)
        {
            if (again.Text("declaration_id") is { } reference && lines.Remove(reference, out var line))
            {
                errors.Add(Again(file, reference, line, again.Line));
            }
        }

        batch.Clear();
        return errors;
    }

    private static FileError Again(string file, string reference, int line, int first) =>
        new(file, line, 1, "declaration_id", $"{reference} appears again (first on line {first}); a file holds each declaration once");

    private static Row? Parse(CsvInput input, IReadOnlySet<string> economies, List<FileError> errors)
    {
        var before = errors.Count;
        var type = Enumerated<DeclarationType>(input, "type", errors);
        var mode = Enumerated<TransportMode>(input, "mode", errors);
        var zoneName = input.Text("office_tz") ?? "";
        var zone = TimeZones.Find(zoneName);
        if (zone is null)
        {
            errors.Add(input.Error("office_tz", $"'{zoneName}' is not an IANA time zone (e.g. Asia/Taipei)"));
        }

        var parties = new List<DeclarationParty>(4);
        foreach (var (column, role) in PartyColumns)
        {
            if (input.Text(column) is { } text)
            {
                var tin = Tin.Parse(text);
                if (tin.IsOk)
                {
                    parties.Add(new DeclarationParty(role, tin.Value));
                }
                else
                {
                    errors.Add(input.Error(column, tin.Errors[0].Message));
                }
            }
        }

        var codes = (input.Text("hs_codes") ?? "").Split(';', StringSplitOptions.TrimEntries);
        var values = (input.Text("item_values") ?? "").Split(';', StringSplitOptions.TrimEntries);
        var descriptions = input.Text("descriptions")?.Split(';', StringSplitOptions.TrimEntries);
        var items = new List<DeclarationItem>(codes.Length);
        if (codes.Length != values.Length)
        {
            errors.Add(
                input.Error("item_values", $"{values.Length} values for {codes.Length} HS codes; give one value per item, separated by ';'")
            );
        }
        else
        {
            for (var i = 0; i < codes.Length; i++)
            {
                if (values[i].Length == 0)
                {
                    errors.Add(input.Error("item_values", DeclarationItem.MissingValue(i + 1).Message.TrimEnd('.')));
                    continue;
                }

                if (!decimal.TryParse(values[i], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    errors.Add(input.Error("item_values", $"'{values[i]}' (item {i + 1}) is not a number"));
                    continue;
                }

                items.Add(
                    new DeclarationItem(
                        i + 1,
                        HsCode.Normalise(codes[i]),
                        value,
                        descriptions is not null && i < descriptions.Length && descriptions[i].Length > 0 ? descriptions[i] : null
                    )
                );
            }
        }

        var total = input.Decimal("customs_value", errors);
        var ecommerce = input.Bool("low_value_ecommerce", errors);
        var lodged = Time(input, "lodged_at", zone, errors);
        var arrival = Time(input, "arrival_at", zone, errors);
        var history = new List<(Milestone, DateTimeOffset)>(12);
        if (arrival is { } a)
        {
            history.Add((Milestone.Arrival, a));
        }

        if (lodged is { } l)
        {
            history.Add((Milestone.Lodged, l));
        }

        DateTimeOffset? released = null;
        foreach (var (column, milestone) in MilestoneColumns)
        {
            if (Time(input, column, zone, errors) is { } at)
            {
                history.Add((milestone, at));
                if (milestone == Milestone.Released)
                {
                    released = at;
                    if (lodged is { } lo && at < lo)
                    {
                        errors.Add(input.Error(column, "released before it was lodged"));
                    }
                }
                else if (milestone == Milestone.Delivered && released is { } r && at < r)
                {
                    errors.Add(input.Error(column, "delivered before it was released"));
                }
            }
        }

        if (lodged is null && input.Text("lodged_at") is null)
        {
            errors.Add(input.Error("lodged_at", "the lodgement time is required"));
        }

        if (errors.Count > before || type is null || mode is null || lodged is null)
        {
            return null;
        }

        if (!history.Any(h => h.Item1 == Milestone.Registered))
        {
            history.Add((Milestone.Registered, lodged.Value));
        }

        if (!history.Any(h => h.Item1 == Milestone.LaneAssigned))
        {
            history.Add((Milestone.LaneAssigned, lodged.Value));
        }

        var details = new DeclarationDetails(
            input.Text("declaration_id") ?? "",
            type.Value,
            mode.Value,
            (input.Text("origin") ?? "").ToUpperInvariant(),
            (input.Text("destination") ?? "").ToUpperInvariant(),
            input.Text("office") ?? "",
            zoneName,
            parties,
            items,
            total ?? items.Sum(i => i.CustomsValue),
            ecommerce ?? false
        );
        var valid = DeclarationDetails.Validate(details, economies);
        if (!valid.IsOk)
        {
            errors.AddRange(valid.Errors.Select(e => input.Error(ColumnOf(e.Field, details), e.Message)));
            return null;
        }

        return new Row(details, arrival, lodged.Value, history);
    }

    private static string ColumnOf(string? field, DeclarationDetails d) =>
        field switch
        {
            "reference" => "declaration_id",
            "originEconomy" => "origin",
            "destinationEconomy" => "destination",
            "officeTimeZone" => "office_tz",
            "office" => "office",
            "items" => "hs_codes",
            "customsValue" => "customs_value",
            "parties" => d.Type == DeclarationType.Export ? "exporter_tin" : "importer_tin",
            _ => "declaration_id",
        };

    private static TEnum? Enumerated<TEnum>(CsvInput input, string column, List<FileError> errors)
        where TEnum : struct, Enum
    {
        var text = input.Text(column);
        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add(input.Error(column, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}"));
        return null;
    }

    /// <summary>ISO 8601 with an offset or Z; without one, read in the office's time zone.</summary>
    private static DateTimeOffset? Time(CsvInput input, string column, TimeZoneInfo? zone, List<FileError> errors)
    {
        var text = input.Text(column);
        if (text is null)
        {
            return null;
        }

        var written = Timestamps.Read(text, out var reason);
        if (written is not { } w)
        {
            errors.Add(input.Error(column, $"'{text}' is not a timestamp ({reason})"));
            return null;
        }

        if (w.Offset is { } offset)
        {
            return new DateTimeOffset(w.Clock, offset).ToUniversalTime();
        }

        if (zone is null)
        {
            return null;
        }

        var local = DateTime.SpecifyKind(w.Clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            errors.Add(
                input.Error(
                    column,
                    $"'{text}' does not exist in {zone.Id} (the clocks skip it when daylight saving time starts); give the offset"
                )
            );
            return null;
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
