using System.Globalization;
using Sylvan.Data.Csv;

namespace OpenAeo.Platform.Files;

/// <summary>A bad cell in an input file, located the way an editor shows it.</summary>
/// <param name="Line">1-based physical line of the record in the file (the header is line 1).</param>
/// <param name="Column">1-based column position; 0 when the error is about the whole row or file.</param>
internal sealed record FileError(string File, int Line, int Column, string? ColumnName, string Message)
{
    public override string ToString() =>
        Column > 0 ? $"{File}:{Line}:{Column} ({ColumnName}): {Message}" : $"{File}:{Line}: {Message}";
}

/// <summary>Thrown when a file cannot be imported; carries every error found before the import stopped.</summary>
internal sealed class FileImportException(IReadOnlyList<FileError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<FileError> Errors { get; } = errors;
}

/// <summary>
/// Reads CSV files for imports with Sylvan: header checked before any work, typed cells with errors that name
/// the line and column, and the physical line number even when quoted cells span lines.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private readonly CsvDataReader reader;
    private readonly Dictionary<string, int> ordinals;
    private bool started;

    private CsvInput(string fileName, CsvDataReader reader, long? length, Stream? stream)
    {
        FileName = fileName;
        this.reader = reader;
        Length = length;
        Stream = stream;
        ordinals = [];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            ordinals.TryAdd(reader.GetName(i).Trim().ToLowerInvariant(), i);
        }
    }

    public string FileName { get; }

    /// <summary>The header's column names as written, in file order.</summary>
    public IReadOnlyList<string> Columns => [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim())];

    /// <summary>How many cells the current record has (a malformed row may have more or fewer than the header).</summary>
    public int CellCount => reader.RowFieldCount;

    /// <summary>Total bytes when known, for progress.</summary>
    public long? Length { get; }

    private Stream? Stream { get; }

    /// <summary>Bytes consumed so far, for progress.</summary>
    public long Position => Stream?.CanSeek == true ? Stream.Position : 0;

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; } = 1;

    public static CsvInput Open(string fileName, TextReader text, long? length = null, Stream? stream = null)
    {
        var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', ResultSetMode = ResultSetMode.SingleResult };
        return new CsvInput(fileName, CsvDataReader.Create(text, options), length, stream);
    }

    /// <param name="displayName">The name errors use; by default the file's own name.</param>
    public static CsvInput OpenFile(string path, string? displayName = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Open(displayName ?? Path.GetFileName(path), new StreamReader(stream), stream.Length, stream);
    }

    /// <summary>Fails before any row is read when a required column is missing, listing what is expected.</summary>
    public void RequireColumns(IReadOnlyList<string> required, IReadOnlyList<string>? optional = null)
    {
        var missing = required.Where(c => !ordinals.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var expected = string.Join(",", required.Concat(optional ?? []));
            throw new FileImportException([new FileError(FileName, 1, 0, null,
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; the header must name the columns {expected}")]);
        }
    }

    public bool Read()
    {
        // Sylvan's RowNumber counts records; our line is the physical line where the record starts, which
        // differs when a quoted cell holds a line break. Track it from the raw field text.
        Line = started ? Line + 1 + LineBreaksInCurrentRecord() : 2;
        started = true;
        return reader.Read();
    }

    public bool HasColumn(string column) => ordinals.ContainsKey(column);

    public string? Text(string column)
    {
        if (!ordinals.TryGetValue(column, out var i) || i >= reader.RowFieldCount)
        {
            return null;
        }

        var value = reader.GetString(i).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The raw text of a cell by position, or null past the end of a short row.</summary>
    public string? Cell(int ordinal) => ordinal < reader.RowFieldCount ? reader.GetString(ordinal) : null;

    public FileError Error(string column, string message) =>
        new(FileName, Line, ordinals.TryGetValue(column, out var i) ? i + 1 : 0, column, message);

    public FileError RowError(string message) => new(FileName, Line, 0, null, message);

    public int? Int(string column, List<FileError> errors)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(Error(column, $"'{text}' is not a whole number"));
        return null;
    }

    public decimal? Decimal(string column, List<FileError> errors)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(Error(column, $"'{text}' is not a number (use a dot for decimals, no currency sign)"));
        return null;
    }

    public bool? Bool(string column, List<FileError> errors)
    {
        var text = Text(column);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1":
                return true;
            case "false" or "no" or "n" or "0":
                return false;
            default:
                errors.Add(Error(column, $"'{text}' is not true or false"));
                return null;
        }
    }

    public DateOnly? Date(string column, List<FileError> errors)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(Error(column, $"'{text}' is not a date in the form yyyy-mm-dd"));
        return null;
    }

    private int LineBreaksInCurrentRecord()
    {
        var breaks = 0;
        for (var i = 0; i < reader.RowFieldCount; i++)
        {
            var span = reader.GetFieldSpan(i);
            foreach (var c in span)
            {
                if (c == '\n')
                {
                    breaks++;
                }
            }
        }

        return breaks;
    }

    public void Dispose()
    {
        reader.Dispose();
        Stream?.Dispose();
    }
}
