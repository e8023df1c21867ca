namespace OpenAeo.Platform.Files;

/// <summary>
/// Watches the characters Sylvan reads and stops at the first one that makes the file unreadable, with its physical
/// line and its column: bytes that are not in the file's encoding, a character that is not text (NUL, other control
/// characters), a quoted cell that is never closed, text after a cell's closing quote, a cell longer than
/// <see cref="MaxCellLength"/> or a row longer than <see cref="MaxRowLength"/>. Sylvan parses; this only locates, so
/// a broken file is refused as <c>file:line:column</c> rather than as a parser's exception or replacement characters.
/// </summary>
/// <remarks>It runs a block ahead of the rows read, so it may refuse the file before the rows above the damage are checked.</remarks>
internal sealed class CsvTextGuard(TextReader inner, string fileName, string encodingName) : TextReader
{
    /// <summary>What the decoder puts where bytes do not decode (see <see cref="CsvInput"/>): a noncharacter no text holds.</summary>
    public const char Undecodable = '\uFFFF';

    /// <summary>1 MiB of text: no field OpenAeo reads comes near it (the longest holds 8,000 characters).</summary>
    public const int MaxCellLength = 1 << 20;

    /// <summary>1.5 million characters: a row may hold one cell at the limit and the rest of its cells.</summary>
    public const int MaxRowLength = 1_500_000;

    /// <summary>The header's cells as read so far, to name a column in an error (the header is read before any row).</summary>
    private readonly List<string> header = [];
    private readonly System.Text.StringBuilder headerCell = new();
    private bool inHeader = true;

    private int line = 1;
    private int column;
    private int cellLine = 1;
    private int cellLength;
    private int rowLength;
    private bool inQuotes;
    private bool quotePending;
    private bool afterClosingQuote;
    private bool previousWasCarriageReturn;
    private (int Line, int Column) quoteOpened;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c < 0)
        {
            End();
        }
        else
        {
            Watch((char)c);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Watched(buffer.AsSpan(index, inner.Read(buffer, index, count)));

    public override int Read(Span<char> buffer) => Watched(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Watched(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Watched(ReadOnlySpan<char> read)
    {
        if (read.Length == 0)
        {
            End();
        }

        foreach (var c in read)
        {
            Watch(c);
        }

        return read.Length;
    }

    private void Watch(char c)
    {
        var lineBefore = line;
        if (c == '\n' && previousWasCarriageReturn)
        {
            // The second half of a CRLF: the line was counted at the CR.
            previousWasCarriageReturn = false;
            return;
        }

        previousWasCarriageReturn = c == '\r';
        if (c is '\n' or '\r')
        {
            line++;
        }

        if (c == Undecodable)
        {
            Fail(
                lineBefore,
                $"the file is not {encodingName}: bytes here do not decode; save it as UTF-8, or name its encoding "
                    + "(--encoding for the command line, charset= in the upload's Content-Type)"
            );
        }

        if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        {
            Fail(
                lineBefore,
                c == '\0'
                    ? "the NUL character (U+0000) is not text; is the file binary, or UTF-16 without its byte order mark?"
                    : $"the control character U+{(int)c:X4} is not text"
            );
        }

        if (++rowLength > MaxRowLength)
        {
            Fail(lineBefore, $"a row holds at most {MaxRowLength:N0} characters of text; this one is longer (is a closing quote missing?)");
        }

        if (inQuotes)
        {
            if (quotePending)
            {
                quotePending = false;
                if (c == '"')
                {
                    Grow(lineBefore, c);
                    return;
                }

                // The quote before closed the cell; this character is outside it.
                inQuotes = false;
                afterClosingQuote = true;
            }
            else
            {
                if (c == '"')
                {
                    quotePending = true;
                }
                else
                {
                    Grow(lineBefore, c);
                }

                return;
            }
        }

        switch (c)
        {
            case ',':
                EndHeaderCell();
                column++;
                StartCell();
                return;
            case '\n' or '\r':
                EndHeaderCell();
                inHeader = false;
                column = 0;
                rowLength = 0;
                StartCell();
                return;
            case '"' when cellLength == 0 && !afterClosingQuote:
                inQuotes = true;
                quoteOpened = (line, column);
                return;
        }

        if (afterClosingQuote)
        {
            Fail(
                lineBefore,
                "after a cell's closing quote only a comma or the end of the line may follow (a quote inside a "
                    + "quoted cell is written twice: \"\")"
            );
        }

        Grow(lineBefore, c);
    }

    private void EndHeaderCell()
    {
        if (inHeader)
        {
            header.Add(headerCell.ToString().Trim());
            headerCell.Clear();
        }
    }

    private void StartCell()
    {
        cellLength = 0;
        cellLine = line;
        afterClosingQuote = false;
    }

    private void Grow(int at, char c)
    {
        if (cellLength++ == 0 && !inQuotes)
        {
            cellLine = at;
        }

        if (inHeader)
        {
            headerCell.Append(c);
        }

        if (cellLength > MaxCellLength)
        {
            Fail(
                inQuotes ? quoteOpened.Line : cellLine,
                $"a cell holds at most 1 MiB of text ({MaxCellLength:N0} characters); this one is longer"
                    + $"{(inQuotes ? " (is its closing quote missing?)" : "")}"
            );
        }
    }

    private void End()
    {
        if (inQuotes && !quotePending)
        {
            (line, column) = quoteOpened;
            Fail(
                line,
                "the quoted cell that starts here is never closed: a closing quote is missing, so the rest of the file would be one cell"
            );
        }
    }

    private void Fail(int atLine, string message)
    {
        var name = !inHeader && column < header.Count && header[column].Length > 0 ? header[column] : null;
        throw new FileImportException([new FileError(fileName, atLine, column + 1, name, message)]);
    }
}
