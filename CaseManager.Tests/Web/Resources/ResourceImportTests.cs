using System.Text;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Resources;

public sealed class ResourceImportTests(DatabaseFixture database) : ResourceTestBase(database)
{
    private const string Header = "nom;description;categorie;region;municipalite;courriel;langues;verifie_le\n";

    private const string WithBadRows = Header +
        "Carrefour jeunesse-emploi;Aide à l'emploi;Emploi;01;Rimouski;info@cje.test;fr en;2025-01-15\n" +
        ";Sans nom;housing;01;Rimouski;;fr;\n" +
        "Maison des familles;\"Accueil; activités\";community;99;Nulle part;;fr;\n" +
        "CLSC;Santé;health;Estrie;Sherbrooke;clsc@;fr;\n" +
        "Carrefour jeunesse-emploi;Doublon;employment;Bas-Saint-Laurent;rimouski;;fr;\n" +
        "Garderie Les Lutins;Places;inconnue;05;Magog;;fr;\n";

    [Fact]
    public async Task PreviewImportAsync_BadRows_ReportsEachRowWithItsReasons()
    {
        Current.User = Admin;

        var report = await Resources.PreviewImportAsync(CsvFile(WithBadRows));

        Assert.Empty(report.FileProblems);
        Assert.Equal(
            [
                (2, true, ""),
                (3, false, "Resource.NameRequired"),
                (4, false, "Resource.UnknownRegion"),
                (5, false, "Resource.EmailInvalid"),
                (6, false, "Import.DuplicateInFile"),
                (7, false, "Resource.UnknownCategory"),
            ],
            report.Rows.Select(r => (r.Line, r.Accepted, string.Join(",", r.Reasons.Select(x => x.Code)))));
        Assert.Equal(0, report.Imported);
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Resources.ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_AllOrNothingWithOneBadRow_ImportsNothing()
    {
        Current.User = Admin;

        var report = await Resources.ImportAsync(CsvFile(WithBadRows), ImportMode.AllOrNothing);

        Assert.Equal((0, 1, 5), (report.Imported, report.AcceptedCount, report.RefusedCount));
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Resources.ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_ValidRowsOnly_ImportsTheValidRowsAndReportsProgress()
    {
        Current.User = Admin;
        var progress = new List<ImportProgress>();

        var report = await Resources.ImportAsync(CsvFile(WithBadRows), ImportMode.ValidRowsOnly, new SynchronousProgress(progress));

        Assert.Equal(1, report.Imported);
        Assert.Equal([new ImportProgress(0, 1), new ImportProgress(1, 1)], progress);
        await using var db = Database.CreateDbContext();
        var saved = Assert.Single(await db.Resources.ToListAsync());
        Assert.Equal(("Carrefour jeunesse-emploi", "employment", "01", "info@cje.test", new DateOnly(2025, 1, 15)),
            (saved.Name, saved.CategoryCode, saved.RegionCode, saved.Email, saved.LastVerifiedOn!.Value));
        Assert.Equal(["fr", "en"], saved.LanguageCodes);
    }

    [Fact]
    public async Task ImportAsync_AllValidInBatches_ImportsTheWholeFile()
    {
        Current.User = Admin;
        var file = new StringBuilder("name,category,region,municipality\n");
        for (var i = 0; i < ResourceService.ImportBatchSize + 20; i++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ressource {i},health,03,Québec\n");
        }

        var report = await Resources.ImportAsync(CsvFile(file.ToString()), ImportMode.AllOrNothing);

        Assert.Equal(ResourceService.ImportBatchSize + 20, report.Imported);
        Assert.Equal(ResourceService.ImportBatchSize + 20, (await Resources.SearchAsync(new ResourceQuery { RegionCode = "03" })).Total);
    }

    [Fact]
    public async Task PreviewImportAsync_WithoutTheRegionColumn_RefusesTheFile()
    {
        Current.User = Admin;

        var report = await Resources.PreviewImportAsync(CsvFile("nom,categorie\nA,health\n"));

        Assert.Equal("Import.MissingColumn(region)", Assert.Single(report.FileProblems).ToString());
        Assert.False(report.CanImportValidRows);
    }

    [Fact]
    public async Task ImportAsync_AsCounsellor_IsRefused()
    {
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.ImportAsync(CsvFile(WithBadRows), ImportMode.ValidRowsOnly));
    }

    [Fact]
    public async Task ExportAsync_ThenImport_GivesTheSameResources()
    {
        await AddAsync("École « Les Érables », Magog", region: "05", category: "childcare-school", description: "Deux lignes\net des \"guillemets\"", municipality: "Magog");
        await AddAsync("=CMD Emploi", region: "05", verifiedOn: new DateOnly(2025, 3, 1));
        await AddAsync("Autre région", region: "01");
        using var exported = new MemoryStream();

        await Resources.ExportAsync(new ResourceQuery { RegionCode = "05", Sort = ResourceSort.Name }, exported);

        var bytes = exported.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("'=CMD Emploi", text, StringComparison.Ordinal);
        await using (var db = Database.CreateDbContext())
        {
            await db.Resources.Where(r => r.RegionCode == "05").ExecuteDeleteAsync();
        }

        Current.User = Admin;
        var report = await Resources.ImportAsync(new MemoryStream(bytes), ImportMode.AllOrNothing);

        Assert.Equal(2, report.Imported);
        var rows = (await Resources.SearchAsync(new ResourceQuery { RegionCode = "05", Sort = ResourceSort.Name })).Rows;
        Assert.Equal(["=CMD Emploi", "École « Les Érables », Magog"], rows.Select(r => r.Name));
        Assert.Equal(("Deux lignes\net des \"guillemets\"", "Magog"), (rows[1].Description, rows[1].Municipality));
        Assert.Equal(new DateOnly(2025, 3, 1), rows[0].LastVerifiedOn);
    }

    [Theory]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('@')]
    public async Task ExportAsync_TextStartingWithAFormulaCharacter_IsEscapedAndImportedBackAsItWas(char first)
    {
        await AddAsync($"{first}SUM(A1:A9) Emploi", region: "05", description: $"{first}cmd|' /C calc'!A0");
        using var exported = new MemoryStream();

        await Resources.ExportAsync(new ResourceQuery { RegionCode = "05" }, exported);

        var bytes = exported.ToArray();
        var rows = CsvContent.Read(bytes);
        Assert.Equal(($"'{first}SUM(A1:A9) Emploi", $"'{first}cmd|' /C calc'!A0"), (rows[1][0], rows[1][1]));
        await using (var db = Database.CreateDbContext())
        {
            await db.Resources.ExecuteDeleteAsync();
        }

        Current.User = Admin;
        Assert.Equal(1, (await Resources.ImportAsync(new MemoryStream(bytes), ImportMode.AllOrNothing)).Imported);
        var imported = Assert.Single((await Resources.SearchAsync(new ResourceQuery { RegionCode = "05" })).Rows);
        Assert.Equal(($"{first}SUM(A1:A9) Emploi", $"{first}cmd|' /C calc'!A0"), (imported.Name, imported.Description));
    }

    private sealed class SynchronousProgress(List<ImportProgress> seen) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => seen.Add(value);
    }
}
