using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Support;

/// <summary>A CSV file the application wrote, read back with the application's reader: the header then each row.</summary>
public static class CsvContent
{
    public static List<List<string>> Read(byte[] bytes)
    {
        using var input = new MemoryStream(bytes);
        using var reader = CsvFiles.CreateReader(input);
        var rows = new List<List<string>> { reader.Headers.ToList() };
        while (reader.Read())
        {
            rows.Add([.. reader.Current.ToArray()]);
        }

        return rows;
    }
}
