namespace OpenAeo.Platform.Files;

/// <summary>Writes RFC 4180 CSV: quotes a cell only when it holds a comma, quote or line break.</summary>
internal static class CsvOutput
{
    public static void WriteRow(TextWriter writer, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write(Escape(cell));
        }

        writer.Write('\n');
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
