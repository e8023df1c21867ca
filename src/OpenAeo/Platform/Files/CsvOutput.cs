using System.Text;

namespace OpenAeo.Platform.Files;

/// <summary>
/// Writes RFC 4180 CSV: quotes a cell only when it holds a comma, quote or line break. Rows are written with
/// asynchronous writes only, because a response body refuses synchronous ones: a synchronous flush in the middle of
/// a download used to cut it off after the first kilobyte.
/// </summary>
internal static class CsvOutput
{
    /// <summary>A UTF-8 writer (no byte order mark) over a file or a response body, with a buffer worth flushing.</summary>
    public static StreamWriter Writer(Stream stream) => new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);

    public static Task WriteRowAsync(TextWriter writer, IEnumerable<string?> cells, CancellationToken ct) =>
        writer.WriteAsync(Line(cells).AsMemory(), ct);

    /// <summary>One row with its line break.</summary>
    public static string Line(IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            line.Append(Escape(cell));
        }

        return line.Append('\n').ToString();
    }

    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
