using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace OpenAeo.Platform.Files;

/// <summary>A bad cell in an input file, located the way an editor shows it.</summary>
/// <param name="Line">1-based physical line of the record in the file (the header is line 1).</param>
/// <param name="Column">1-based column position; 0 when the error is about the whole row or file.</param>
internal sealed record FileError(string File, int Line, int Column, string? ColumnName, string Message)
{
    public override string ToString() =>
        Column > 0
            ? $"{File}:{Line}:{Column}{(ColumnName is { Length: > 0 } name ? $" ({name})" : "")}: {Message}"
            : $"{File}:{Line}: {Message}";
}

/// <summary>Thrown when a file cannot be imported; carries every error found before the import stopped.</summary>
internal sealed class FileImportException(IReadOnlyList<FileError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    /// <summary>How many errors a page lists after an upload: a redirect's address has room for a few only, and the first
    /// ones are enough to fix the file.</summary>
    public const int ErrorsShown = 8;

    public IReadOnlyList<FileError> Errors { get; } = errors;

    /// <summary>The first <see cref="ErrorsShown"/> errors, a line each, and how many more there are.</summary>
    public string FirstErrors() =>
        string.Join('\n', Errors.Take(ErrorsShown).Select(x => x.ToString()))
        + (Errors.Count > ErrorsShown ? $"\n… and {Errors.Count - ErrorsShown} more" : "");
}

/// <summary>
/// Reads CSV files for imports with Sylvan: header checked before any work, typed cells with errors that name
/// the line and column, and the physical line number even when quoted cells span lines. A file that cannot be read
/// as CSV in its encoding (see <see cref="CsvTextGuard"/>), an empty file, and unknown or repeated columns are
/// refused as <c>file:line:column</c> errors; blank lines hold no row.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private readonly CsvDataReader? reader;
    private readonly Dictionary<string, int> ordinals;
    private readonly string[] names;
    private bool started;

    static CsvInput() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private CsvInput(string fileName, CsvDataReader? reader, long? length, Stream? stream)
    {
        FileName = fileName;
        this.reader = reader;
        Length = length;
        Stream = stream;
        names = reader is null ? [] : [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim())];
        ordinals = [];
        for (var i = 0; i < names.Length; i++)
        {
            ordinals.TryAdd(names[i].ToLowerInvariant(), i);
        }
    }

    public string FileName { get; }

    /// <summary>The header's column names as written, in file order (none for an empty file).</summary>
    public IReadOnlyList<string> Columns => names;

    /// <summary>How many cells the current record has (a malformed row may have more or fewer than the header).</summary>
    public int CellCount => reader?.RowFieldCount ?? 0;

    /// <summary>Total bytes when known, for progress.</summary>
    public long? Length { get; }

    private Stream? Stream { get; }

    /// <summary>Bytes consumed so far, for progress.</summary>
    public long Position => Stream?.CanSeek == true ? Stream.Position : 0;

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>
    /// The encoding a person named (<c>utf-8</c>, <c>windows-1252</c>, <c>big5</c>, <c>shift_jis</c>, <c>gb18030</c>, …),
    /// or an error that says which names work; null or empty is UTF-8.
    /// </summary>
    public static Result<Encoding> Encoding(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result<Encoding>.Ok(new UTF8Encoding(false));
        }

        try
        {
            return Result<Encoding>.Ok(System.Text.Encoding.GetEncoding(name.Trim()));
        }
        catch (ArgumentException)
        {
            return new DomainError(
                "file.encoding",
                $"'{name}' is not an encoding this system knows; use utf-8, utf-16, latin1, windows-1252, big5, "
                    + "shift_jis, gb18030 or euc-kr, for example.",
                "encoding"
            );
        }
    }

    /// <param name="displayName">The name errors use; by default the file's own name.</param>
    /// <param name="encoding">The file's encoding, UTF-8 when not given; a byte order mark overrides it.</param>
    public static CsvInput OpenFile(string path, string? displayName = null, Encoding? encoding = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(displayName ?? Path.GetFileName(path), stream, encoding);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public static CsvInput Open(string fileName, Stream stream, Encoding? encoding = null)
    {
        var declared = encoding ?? new UTF8Encoding(false);

        // Undecodable bytes become a marker the guard stops at, never a silent replacement character.
        var strict = System.Text.Encoding.GetEncoding(
            declared.CodePage,
            EncoderFallback.ReplacementFallback,
            new DecoderReplacementFallback(CsvTextGuard.Undecodable.ToString())
        );
        var text = new CsvTextGuard(
            new StreamReader(stream, strict, detectEncodingFromByteOrderMarks: true, 1 << 16),
            fileName,
            declared.CodePage == 65001 ? "UTF-8" : declared.WebName
        );
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            ResultSetMode = ResultSetMode.SingleResult,
            MaxBufferSize = 2 * CsvTextGuard.MaxRowLength,
        };
        CsvDataReader? reader;
        try
        {
            reader = CsvDataReader.Create(text, options);
        }
        catch (CsvMissingHeadersException)
        {
            reader = null;
        }
        catch (FormatException e)
        {
            throw Unreadable(fileName, 1, e);
        }

        return new CsvInput(fileName, reader, stream.CanSeek ? stream.Length : null, stream);
    }

    /// <summary>
    /// Fails before any row is read when the file is empty, a required column is missing, a column is named twice or
    /// has no name, or (unless <paramref name="othersAllowed"/>) a column is not one of the expected.
    /// </summary>
    public void RequireColumns(IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, bool othersAllowed = false)
    {
        var expected = string.Join(",", required.Concat(optional ?? []));
        if (names.Length == 0 || names.All(n => n.Length == 0))
        {
            throw new FileImportException([
                new FileError(FileName, 1, 0, null, $"the file is empty; its first line must name the columns {expected}"),
            ]);
        }

        var errors = new List<FileError>();
        var known = required.Concat(optional ?? []).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var key = names[i].ToLowerInvariant();
            var first = Array.FindIndex(names, n => n.Equals(names[i], StringComparison.OrdinalIgnoreCase));
            if (key.Length == 0)
            {
                errors.Add(
                    new FileError(FileName, 1, i + 1, null, $"column {i + 1} has no name; the header must name the columns {expected}")
                );
            }
            else if (first < i)
            {
                errors.Add(
                    new FileError(
                        FileName,
                        1,
                        i + 1,
                        names[i],
                        $"the column {names[i]} is named twice (columns {first + 1} and {i + 1}); a file names each column once"
                    )
                );
            }
            else if (!othersAllowed && !known.Contains(key))
            {
                errors.Add(
                    new FileError(FileName, 1, i + 1, names[i], $"'{names[i]}' is not a column of this file; the columns are {expected}")
                );
            }
        }

        var missing = required.Where(c => !ordinals.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(
                new FileError(
                    FileName,
                    1,
                    0,
                    null,
                    $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; the header must "
                        + $"name the columns {expected}"
                )
            );
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors);
        }
    }

    /// <summary>The next row; blank lines are skipped (a file may end with several).</summary>
    public bool Read()
    {
        if (reader is null)
        {
            return false;
        }

        while (true)
        {
            // Sylvan's RowNumber counts records; our line is the physical line where the record starts, which
            // differs when a quoted cell holds a line break. Track it from the raw field text.
            Line = started ? Line + 1 + LineBreaksInCurrentRecord() : 2;
            started = true;
            bool read;
            try
            {
                read = reader.Read();
            }
            catch (FormatException e)
            {
                throw Unreadable(FileName, Line, e);
            }

            if (!read || reader.RowFieldCount > 1 || reader.GetFieldSpan(0).Length > 0)
            {
                return read;
            }
        }
    }

    /// <summary>A parser's complaint the guard did not see first, located at the row it stopped in.</summary>
    private static FileImportException Unreadable(string file, int line, FormatException e) =>
        new([
            new FileError(
                file,
                line,
                0,
                null,
                e is CsvRecordTooLargeException
                    ? $"the row that starts here is longer than {CsvTextGuard.MaxRowLength:N0} characters"
                    : $"the row that starts here is not valid CSV: {e.Message}"
            ),
        ]);

    public bool HasColumn(string column) => ordinals.ContainsKey(column);

    public string? Text(string column)
    {
        if (reader is null || !ordinals.TryGetValue(column, out var i) || i >= reader.RowFieldCount)
        {
            return null;
        }

        var value = reader.GetString(i).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The raw text of a cell by position, or null past the end of a short row.</summary>
    public string? Cell(int ordinal) => reader is not null && ordinal < reader.RowFieldCount ? reader.GetString(ordinal) : null;

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
            if (Limits.Day.Allows(value))
            {
                return value;
            }

            errors.Add(Error(column, $"'{text}' is not {Limits.Day.Describe()}"));
            return null;
        }

        errors.Add(Error(column, $"'{text}' is not a date in the form yyyy-mm-dd"));
        return null;
    }

    private int LineBreaksInCurrentRecord()
    {
        if (reader is null)
        {
            return 0;
        }

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
        reader?.Dispose();
        Stream?.Dispose();
    }
}
