using System.Globalization;
using CsvHelper;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The one place that says how the application writes and reads CSV files (with CsvHelper):
/// UTF-8 with a byte-order mark so Excel reads the accents, RFC 4180 quoting, and every text cell
/// that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
/// return) escaped with a leading apostrophe. Numbers, dates and booleans written as such are not
/// text and stay as they are (-12.5 remains a number). Every export goes through
/// <see cref="CreateWriter"/>, every import through <see cref="CreateReader"/>.
/// </summary>
public static class CsvFiles
{
    private static readonly CsvWriterOptions Writing = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    /// <summary>Reading: the separator found from the first lines (Excel in French writes ";"), line numbers kept for the reports, a UTF-8 byte-order mark skipped.</summary>
    private static readonly CsvReaderOptions Reading = CsvReaderOptions.Default with
    {
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The options of every file the application writes, in <paramref name="dialect"/>.</summary>
    public static CsvWriterOptions WriterOptions(CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Writing with { Separator = dialect.Separator, FormatProvider = dialect.Numbers };
    }

    /// <summary>A writer onto <paramref name="output"/> (left open) in <paramref name="dialect"/>.</summary>
    public static CsvWriter CreateWriter(Stream output, CsvDialect dialect) =>
        CsvWriter.Create(output, WriterOptions(dialect), leaveOpen: true);

    /// <summary>A whole file in memory: what <paramref name="write"/> writes, as bytes.</summary>
    public static byte[] Write(CsvDialect dialect, Action<CsvWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = CreateWriter(buffer, dialect))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Writes one cell as its kind: a number as a number in the dialect's decimal (so it is never
    /// taken for a formula), anything else as the text <paramref name="text"/> gives, guarded.
    /// </summary>
    public static void WriteCell(this CsvWriter writer, object? value, Func<object?, string> text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(text);
        switch (value)
        {
            case null:
                writer.WriteField((string?)null);
                break;
            case int or long or short or decimal or double or float:
                writer.WriteField(value);
                break;
            default:
                writer.WriteField(text(value));
                break;
        }
    }

    /// <summary>A reader over <paramref name="input"/> (left open).</summary>
    public static CsvReader CreateReader(Stream input) => CsvReader.Create(input, Reading, leaveOpen: true);

    /// <summary>
    /// A cell as it was before this application's writer guarded it: a leading apostrophe before
    /// a formula character is taken off, so a file exported then imported gives back its values.
    /// </summary>
    public static string Unguard(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == Writing.InjectionEscape && Writing.InjectionCharacters.Contains(cell[1]) ? cell[1..] : cell;
    }
}

/// <summary>
/// The separator and decimal mark of a CSV file. A spreadsheet in French (where the comma is the
/// decimal mark) splits columns on ";"; in English on ",", with a decimal point.
/// </summary>
public sealed record CsvDialect(char Separator, char DecimalMark)
{
    public static readonly CsvDialect Comma = new(',', '.');
    public static readonly CsvDialect Semicolon = new(';', ',');

    /// <summary>The dialect a spreadsheet in this language opens in columns: ";" and "," in French, "," and "." otherwise.</summary>
    public static CsvDialect For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "fr" ? Semicolon : Comma;
    }

    /// <summary>The dialect of the person's language (the request's culture).</summary>
    public static CsvDialect Current => For(CultureInfo.CurrentUICulture);

    /// <summary>Numbers as the dialect writes them: no thousands separator, its decimal mark.</summary>
    public CultureInfo Numbers
    {
        get
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = DecimalMark.ToString();
            culture.NumberFormat.NumberGroupSeparator = "";
            return CultureInfo.ReadOnly(culture);
        }
    }
}
