using System.Text;

namespace CaseManager.Web.Features.Resources;

/// <summary>
/// A careful RFC 4180 reader and writer: quoted fields with doubled quotes, delimiters and line
/// breaks inside quotes, CRLF or LF. The delimiter is the header line's (Excel in French writes
/// ";", most tools ","). Written cells that a spreadsheet would run as a formula get a leading
/// apostrophe, which the reader takes off again.
/// </summary>
public static class Csv
{
    /// <summary>The rows of the text, each with the line it started on (1 for the header).</summary>
    public static IEnumerable<(int Line, List<string> Cells)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var delimiter = DelimiterOf(text);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowStart = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(Unguard(cell.ToString()));
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(Unguard(cell.ToString()));
                cell.Clear();
                if (cells.Count > 1 || cells[0].Length > 0)
                {
                    yield return (rowStart, cells);
                }

                cells = [];
                line++;
                rowStart = line;
            }
            else
            {
                cell.Append(c);
            }

            i++;
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(Unguard(cell.ToString()));
            if (cells.Count > 1 || cells[0].Length > 0)
            {
                yield return (rowStart, cells);
            }
        }
    }

    /// <summary>One line of cells, quoted where needed, ending with CRLF.</summary>
    public static string Line(IEnumerable<string?> cells, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(cells);
        var line = new StringBuilder();
        var first = true;
        foreach (var value in cells)
        {
            if (!first)
            {
                line.Append(delimiter);
            }

            first = false;
            var cell = Guard(value ?? "");
            if (cell.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 || cell != cell.Trim())
            {
                line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(cell);
            }
        }

        return line.Append("\r\n").ToString();
    }

    private static char DelimiterOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>A cell a spreadsheet would run as a formula is prefixed with ' (a plain number such as -12.5 is left alone).</summary>
    private static string Guard(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@'
            && !decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;

    private static string Unguard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' ? cell[1..] : cell;
}
