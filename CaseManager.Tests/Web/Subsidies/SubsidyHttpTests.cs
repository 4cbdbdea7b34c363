using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>The subsidy's addresses over HTTP on the real application: documents and the review view, by who asks.</summary>
public sealed class SubsidyHttpTests(DatabaseFixture database) : DatabaseTest(database)
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    [Fact]
    public async Task GetDocument_PartnerOfTheRegion_GetsThePdf_PartnerOfAnotherRegionAndOtherCounsellorAreRefused_AllLogged()
    {
        var (householdId, applicationId, documentId) = await ArrangeAsync();

        var own = await SignedInAsync("josee@partner.test");
        var ownResponse = await own.GetAsync($"/subsidies/documents/{documentId}");
        var other = await SignedInAsync("luc@partner.test");
        var otherResponse = await other.GetAsync($"/subsidies/documents/{documentId}");
        var colleague = await SignedInAsync("paul@test.local");
        var colleagueResponse = await colleague.GetAsync($"/subsidies/documents/{documentId}");

        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal("application/pdf", ownResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SubsidyTestBase.PdfBytes, await ownResponse.Content.ReadAsByteArrayAsync());
        foreach (var refused in new[] { otherResponse, colleagueResponse })
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        await using var db = Database.CreateDbContext();
        var log = await db.AccessLog.Where(a => a.HouseholdId == householdId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([AccessAction.DocumentDownloaded, AccessAction.Denied, AccessAction.Denied], log);
        Assert.NotEqual(Guid.Empty, applicationId);
    }

    [Fact]
    public async Task GetDocument_Anonymously_RedirectsToSignIn()
    {
        var (_, _, documentId) = await ArrangeAsync();

        var response = await App.CreateBrowserlikeClient().GetAsync($"/subsidies/documents/{documentId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewQueue_Counsellor_IsRefused()
    {
        await ArrangeAsync();

        var response = await (await SignedInAsync("marie@test.local")).GetAsync("/subsidies/review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Marie's household, moving to Saguenay (02), with a submitted application, its lease and a confidential note.</summary>
    private async Task<(Guid HouseholdId, Guid ApplicationId, Guid DocumentId)> ArrangeAsync()
    {
        await using var db = Database.CreateDbContext();
        var marie = await TestUsers.CounsellorAsync(db, "Marie");
        await TestUsers.CounsellorAsync(db, "Paul");
        var saguenay = await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        var other = await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski");
        foreach (var (email, partner) in new[] { ("josee@partner.test", saguenay.Id), ("luc@partner.test", other.Id) })
        {
            var user = await TestUsers.CreateAsync(db, email, email, null, Roles.Partner);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partner));
        }

        var household = new HouseholdBuilder().AssignedTo(marie.Id).AtStage(Stage.MovingSubsidy).Build();
        var context = FixedContext.As(marie.Actor);
        db.ActingAs(context).Households.Add(household);
        db.JournalEntries.Add(household.AddNote("NOTE-CONFIDENTIELLE", context));
        await db.SaveChangesAsync();
        var applicationId = await SubsidyTestData.AddWaitingAsync(db, household.Id, FixedContext.Today, "02", marie.Actor);
        var application = await db.SubsidyApplications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
        var document = new SubsidyDocument(application, SubsidyDocumentType.Lease, "bail.pdf", "application/pdf", SubsidyTestBase.PdfBytes.Length, context);
        db.ActingAs(context).SubsidyDocuments.Add(document);
        db.SubsidyDocumentContents.Add(new SubsidyDocumentContent { DocumentId = document.Id, Data = SubsidyTestBase.PdfBytes });
        await db.SaveChangesAsync();
        return (household.Id, applicationId, document.Id);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
