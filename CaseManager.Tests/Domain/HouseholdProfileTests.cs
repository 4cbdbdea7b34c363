using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

/// <summary>The profile a counsellor edits, its validation and the journal of contacts and notes.</summary>
public sealed class HouseholdProfileTests
{
    private static readonly DateOnly Today = FixedContext.Today;

    // ---------------------------------------------------------------------------------------------
    // Validation: names, dates, email and phone.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Validate_CompleteProfile_HasNoErrors()
    {
        var profile = new HouseholdProfileBuilder()
            .WithSpouse()
            .WithChild("Yasmine", new DateOnly(2019, 2, 3), ChildCare.ElementarySchool)
            .WithEmail("amina.diallo@example.com")
            .WithPhone("514 555-0123")
            .Build();

        Assert.Empty(profile.Validate(Today));
    }

    [Theory]
    [InlineData("", "Diallo", "PrimaryApplicant.FirstName")]
    [InlineData("   ", "Diallo", "PrimaryApplicant.FirstName")]
    [InlineData("Amina", "", "PrimaryApplicant.LastName")]
    [InlineData("Amina", "\t", "PrimaryApplicant.LastName")]
    public void Validate_PrimaryApplicantNameMissing_RequiredOnThatField(string firstName, string lastName, string field)
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant(firstName, lastName).Build();

        Assert.Equal([new FieldRefusal(field, "Profile.Required")], profile.Validate(Today));
    }

    [Theory]
    [InlineData("", "Benali", "Spouse.FirstName")]
    [InlineData(" ", "Benali", "Spouse.FirstName")]
    [InlineData("Karim", "", "Spouse.LastName")]
    [InlineData("Karim", "  ", "Spouse.LastName")]
    public void Validate_SpouseNameMissing_RequiredOnThatField(string firstName, string lastName, string field)
    {
        var profile = new HouseholdProfileBuilder().WithSpouse(firstName, lastName).Build();

        Assert.Equal([new FieldRefusal(field, "Profile.Required")], profile.Validate(Today));
    }

    [Fact]
    public void Validate_EveryNameMissing_ReportsEachField()
    {
        var profile = new HouseholdProfileBuilder()
            .WithPrimaryApplicant("", "")
            .WithSpouse("", "")
            .WithChild("Yasmine", new DateOnly(2019, 2, 3))
            .WithChild(" ", new DateOnly(2021, 7, 9))
            .Build();

        Assert.Equal(
            ["PrimaryApplicant.FirstName", "PrimaryApplicant.LastName", "Spouse.FirstName", "Spouse.LastName", "Children[1].FirstName"],
            profile.Validate(Today).Select(e => e.Field));
        Assert.All(profile.Validate(Today), e => Assert.Equal("Profile.Required", e.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ChildWithoutFirstName_RequiredOnThatChild(string firstName)
    {
        var profile = new HouseholdProfileBuilder()
            .WithChild("Yasmine", new DateOnly(2019, 2, 3))
            .WithChild(firstName, new DateOnly(2021, 7, 9))
            .Build();

        Assert.Equal([new FieldRefusal("Children[1].FirstName", "Profile.Required")], profile.Validate(Today));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    [InlineData(1, false)]
    public void Validate_PrimaryApplicantBirthDate_NotInTheFuture(int daysFromToday, bool valid)
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant("Amina", "Diallo", Today.AddDays(daysFromToday)).Build();

        AssertValidOr(profile, valid, new FieldRefusal("PrimaryApplicant.BirthDate", "Profile.BirthDateInFuture"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(400, false)]
    public void Validate_SpouseBirthDate_NotInTheFuture(int daysFromToday, bool valid)
    {
        var profile = new HouseholdProfileBuilder().WithSpouse(birthDate: Today.AddDays(daysFromToday)).Build();

        AssertValidOr(profile, valid, new FieldRefusal("Spouse.BirthDate", "Profile.BirthDateInFuture"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Validate_ChildBirthDate_NotInTheFuture(int daysFromToday, bool valid)
    {
        var profile = new HouseholdProfileBuilder()
            .WithChild("Yasmine", new DateOnly(2019, 2, 3))
            .WithChild("Bébé", Today.AddDays(daysFromToday))
            .Build();

        AssertValidOr(profile, valid, new FieldRefusal("Children[1].BirthDate", "Profile.BirthDateInFuture"));
    }

    [Fact]
    public void Validate_NoBirthDates_Accepted()
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant("Amina", "Diallo", birthDate: null).WithSpouse(birthDate: null).Build();

        Assert.Empty(profile.Validate(Today));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Validate_ArrivalDate_NotInTheFuture(int daysFromToday, bool valid)
    {
        var profile = new HouseholdProfileBuilder().WithArrivalDate(Today.AddDays(daysFromToday)).Build();

        AssertValidOr(profile, valid, new FieldRefusal("ArrivalDate", "Profile.DateInFuture"));
    }

    [Fact]
    public void Validate_NoArrivalDate_Accepted()
    {
        var profile = new HouseholdProfileBuilder().WithArrivalDate(null).Build();

        Assert.Empty(profile.Validate(Today));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("amina.diallo@example.com")]
    [InlineData("Amina.Diallo@Example.QC.CA")]
    [InlineData("  amina@example.ca  ")]
    [InlineData("amina+regions@mail.example.org")]
    [InlineData("o'brien@example.ie")]
    public void Validate_EmailEmptyOrWellFormed_Accepted(string? email)
    {
        var profile = new HouseholdProfileBuilder().WithEmail(email).Build();

        Assert.Empty(profile.Validate(Today));
    }

    [Theory]
    [InlineData("amina")]
    [InlineData("amina@")]
    [InlineData("@example.com")]
    [InlineData("amina@example")]
    [InlineData("amina@example.c")]
    [InlineData("amina diallo@example.com")]
    [InlineData("amina@@example.com")]
    [InlineData("amina@exa mple.com")]
    [InlineData("amina@example.com, karim@example.com")]
    public void Validate_EmailMalformed_EmailInvalid(string email)
    {
        var profile = new HouseholdProfileBuilder().WithEmail(email).Build();

        Assert.Equal([new FieldRefusal("Contact.Email", "Profile.EmailInvalid")], profile.Validate(Today));
    }

    [Fact]
    public void Validate_EmailLongerThan254_EmailInvalid()
    {
        var email = new string('a', 243) + "@example.com"; // 255 characters
        var profile = new HouseholdProfileBuilder().WithEmail(email).Build();

        Assert.Equal([new FieldRefusal("Contact.Email", "Profile.EmailInvalid")], profile.Validate(Today));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("514 555-0123")]
    [InlineData("514-555-0123")]
    [InlineData("(514) 555-0123")]
    [InlineData("514.555.0123")]
    [InlineData("5145550123")]
    [InlineData("1 514 555-0123")]
    [InlineData("1-514-555-0123")]
    [InlineData("15145550123")]
    [InlineData("+1 514 555 0123")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("+237 6 71 23 45 67")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+961 1 234 567")]
    public void Validate_PhoneEmptyNorthAmericanOrInternational_Accepted(string? phone)
    {
        var profile = new HouseholdProfileBuilder().WithPhone(phone).Build();

        Assert.Empty(profile.Validate(Today));
    }

    [Theory]
    [InlineData("555-0123")] // seven digits: no area code
    [InlineData("514-555-012")] // nine digits
    [InlineData("2 514 555 0123")] // eleven digits not starting with 1
    [InlineData("514 555 0123 4")] // eleven digits not starting with 1
    [InlineData("33 1 23 45 67 89")] // international without "+"
    [InlineData("+1234567")] // seven digits after "+"
    [InlineData("+1234567890123456")] // sixteen digits after "+"
    [InlineData("514-555-CALL")]
    [InlineData("514 555 0123 ext 2")]
    [InlineData("++33 1 23 45 67 89")]
    [InlineData("514+555+0123")]
    public void Validate_PhoneMalformed_PhoneInvalid(string phone)
    {
        var profile = new HouseholdProfileBuilder().WithPhone(phone).Build();

        Assert.Equal([new FieldRefusal("Contact.Phone", "Profile.PhoneInvalid")], profile.Validate(Today));
    }

    // ---------------------------------------------------------------------------------------------
    // ContactRules: the forms the program stores.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("5145550123", "514 555-0123")]
    [InlineData("514-555-0123", "514 555-0123")]
    [InlineData("(514) 555-0123", "514 555-0123")]
    [InlineData(" 514.555.0123 ", "514 555-0123")]
    [InlineData("1 514 555 0123", "514 555-0123")]
    [InlineData("1-819-555-0199", "819 555-0199")]
    [InlineData("+1 514 555 0123", "514 555-0123")]
    [InlineData("+1 (418) 555-0142", "418 555-0142")]
    [InlineData(" +33 1 23 45 67 89 ", "+33 1 23 45 67 89")]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0958")]
    public void NormalizePhone_Input_StoredForm(string? phone, string? expected)
    {
        Assert.Equal(expected, ContactRules.NormalizePhone(phone));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("amina@example.com", "amina@example.com")]
    [InlineData(" Amina.Diallo@Example.QC.CA ", "amina.diallo@example.qc.ca")]
    public void NormalizeEmail_Input_TrimmedLowerCase(string? email, string? expected)
    {
        Assert.Equal(expected, ContactRules.NormalizeEmail(email));
    }

    // ---------------------------------------------------------------------------------------------
    // Opening a file and updating its profile.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Open_InvalidProfile_ThrowsWithEveryFieldError()
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant("", "Diallo").WithEmail("amina@").Build();

        var exception = Assert.Throws<HouseholdProfileException>(() =>
            Household.Open("2025-0001", profile, RegistrationSource.Website, 1, null, FixedContext.Default));

        Assert.Equal(
            [new FieldRefusal("PrimaryApplicant.FirstName", "Profile.Required"), new FieldRefusal("Contact.Email", "Profile.EmailInvalid")],
            exception.Errors);
    }

    [Fact]
    public void Open_ValidProfile_StoresTrimmedNamesAndNormalizedContact()
    {
        var household = new HouseholdBuilder()
            .WithProfile(p => p
                .WithPrimaryApplicant("  Amina ", " Diallo  ")
                .WithSpouse(" Karim", "Benali ")
                .WithChild(" Yasmine ", new DateOnly(2019, 2, 3))
                .WithEmail(" Amina.Diallo@Example.COM ")
                .WithPhone("1 (514) 555-0123")
                .WithNeeds(" employment ", "housing", "employment", " "))
            .Build();

        Assert.Equal("Amina Diallo", household.PrimaryApplicant.FullName);
        Assert.Equal("Karim Benali", household.Spouse?.FullName);
        Assert.Equal("Yasmine", Assert.Single(household.Children).FirstName);
        Assert.Equal("amina.diallo@example.com", household.Contact.Email);
        Assert.Equal("514 555-0123", household.Contact.Phone);
        Assert.Equal(["employment", "housing"], household.NeedCodes);
        Assert.Equal(3, household.Size);
    }

    [Fact]
    public void UpdateProfile_ClosedFile_RefusedAndNothingChanges()
    {
        var household = new HouseholdBuilder().AtStage(Stage.InfoSession).WithStatus(CaseStatus.Closed).Build();
        var updatedAt = household.UpdatedAt;
        var profile = household.ToProfile();
        profile.PrimaryApplicant.LastName = "Diallo-Benali";

        var exception = Assert.Throws<DomainRuleException>(() => household.UpdateProfile(profile, FixedContext.Default));

        Assert.Equal("Workflow.NotAllowedWhileClosed", Assert.Single(exception.Refusals).Code);
        Assert.Equal("Diallo", household.PrimaryApplicant.LastName);
        Assert.Equal(updatedAt, household.UpdatedAt);
    }

    [Theory]
    [InlineData(CaseStatus.OnHold)]
    [InlineData(CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Settled)]
    public void UpdateProfile_FileNotClosed_Allowed(CaseStatus status)
    {
        var household = new HouseholdBuilder().AtStage(Stage.PersonalizedPlan).WithStatus(status).Build();
        var profile = household.ToProfile();
        profile.Contact.Phone = "819-555-0199";

        household.UpdateProfile(profile, FixedContext.Default);

        Assert.Equal("819 555-0199", household.Contact.Phone);
    }

    [Fact]
    public void UpdateProfile_InvalidProfile_ThrowsAndNothingChanges()
    {
        var household = new HouseholdBuilder().WithProfile(p => p.WithEmail("amina@example.com")).Build();
        var updatedAt = household.UpdatedAt;
        var profile = household.ToProfile();
        profile.Contact.Email = "not an email";
        profile.PrimaryApplicant.FirstName = "Aminata";

        var exception = Assert.Throws<HouseholdProfileException>(() => household.UpdateProfile(profile, FixedContext.Default));

        Assert.Equal([new FieldRefusal("Contact.Email", "Profile.EmailInvalid")], exception.Errors);
        Assert.Equal("amina@example.com", household.Contact.Email);
        Assert.Equal("Amina", household.PrimaryApplicant.FirstName);
        Assert.Equal(updatedAt, household.UpdatedAt);
    }

    [Fact]
    public void UpdateProfile_Valid_TouchesTheFileWithoutAddingHistory()
    {
        var household = new HouseholdBuilder().Build();
        var historyCount = household.History.Count;
        var profile = household.ToProfile();
        profile.PreferredRegionCodes = ["02", "04"];

        household.UpdateProfile(profile, FixedContext.Default);

        Assert.Equal(["02", "04"], household.PreferredRegionCodes);
        Assert.Equal(FixedContext.Now, household.UpdatedAt);
        Assert.Equal(historyCount, household.History.Count);
    }

    [Fact]
    public void UpdateProfile_ChildWithSameId_ModifiedInPlaceNotReplaced()
    {
        var household = new HouseholdBuilder()
            .WithProfile(p => p.WithChild("Yasmine", new DateOnly(2019, 2, 3), ChildCare.Daycare))
            .Build();
        var child = Assert.Single(household.Children);
        var id = child.Id;
        var profile = household.ToProfile();
        profile.Children[0].BirthDate = new DateOnly(2019, 3, 2);
        profile.Children[0].Care = ChildCare.ElementarySchool;

        household.UpdateProfile(profile, FixedContext.Default);

        var updated = Assert.Single(household.Children);
        Assert.Same(child, updated);
        Assert.Equal(id, updated.Id);
        Assert.Equal(new DateOnly(2019, 3, 2), updated.BirthDate);
        Assert.Equal(ChildCare.ElementarySchool, updated.Care);
    }

    [Fact]
    public void UpdateProfile_ChildLeftOutAndNewChild_RemovesOneAndGivesTheOtherAnIdentity()
    {
        var household = new HouseholdBuilder()
            .WithProfile(p => p
                .WithChild("Yasmine", new DateOnly(2019, 2, 3))
                .WithChild("Omar", new DateOnly(2016, 8, 21)))
            .Build();
        var yasmine = household.Children.Single(c => c.FirstName == "Yasmine");
        var profile = household.ToProfile();
        profile.Children.RemoveAll(c => c.FirstName == "Omar");
        profile.Children.Add(new Child { FirstName = "Lina", BirthDate = new DateOnly(2025, 6, 1) });

        household.UpdateProfile(profile, FixedContext.Default);

        Assert.Equal(["Lina", "Yasmine"], household.Children.Select(c => c.FirstName).Order());
        Assert.Same(yasmine, household.Children.Single(c => c.FirstName == "Yasmine"));
        Assert.NotEqual(Guid.Empty, household.Children.Single(c => c.FirstName == "Lina").Id);
    }

    [Fact]
    public void UpdateProfile_SpouseRemoved_HouseholdHasNoSpouse()
    {
        var household = new HouseholdBuilder().WithProfile(p => p.WithSpouse()).Build();
        var profile = household.ToProfile();
        profile.Spouse = null;

        household.UpdateProfile(profile, FixedContext.Default);

        Assert.Null(household.Spouse);
        Assert.Equal(1, household.Size);
    }

    // ---------------------------------------------------------------------------------------------
    // Journal: contacts and notes.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void RecordContact_Valid_ReturnsAContactEntryWithChannelAuthorAndTrimmedText()
    {
        var household = new HouseholdBuilder().Build();
        var occurredAt = FixedContext.Now.AddHours(-2);

        var entry = household.RecordContact(ContactChannel.Video, occurredAt, Today, "  Discussed the regions of interest. ", FixedContext.Default);

        Assert.NotEqual(Guid.Empty, entry.Id);
        Assert.Equal(household.Id, entry.HouseholdId);
        Assert.Equal(JournalEntryKind.Contact, entry.Kind);
        Assert.Equal(ContactChannel.Video, entry.Channel);
        Assert.Equal(occurredAt, entry.OccurredAt);
        Assert.Equal("Discussed the regions of interest.", entry.Text);
        Assert.Equal(FixedContext.Counsellor.Id, entry.AuthorId);
        Assert.Equal(FixedContext.Counsellor.Name, entry.AuthorName);
        Assert.Equal(FixedContext.Now, entry.CreatedAt);
        Assert.Equal(Today, household.LastContactOn);
        Assert.Equal(FixedContext.Now, household.UpdatedAt);
    }

    [Fact]
    public void RecordContact_LaterDay_MovesLastContactOnForward()
    {
        var household = new HouseholdBuilder().WithContact(Today.AddDays(-20)).Build();

        RecordContactOn(household, Today.AddDays(-5));

        Assert.Equal(Today.AddDays(-5), household.LastContactOn);
    }

    [Fact]
    public void RecordContact_EarlierDay_KeepsTheLatestLastContactOn()
    {
        var household = new HouseholdBuilder().WithContact(Today.AddDays(-5)).Build();

        RecordContactOn(household, Today.AddDays(-20));

        Assert.Equal(Today.AddDays(-5), household.LastContactOn);
    }

    [Fact]
    public void RecordContact_OccurredAfterNow_RefusedAndLastContactUnchanged()
    {
        var household = new HouseholdBuilder().WithContact(Today.AddDays(-5)).Build();
        var updatedAt = household.UpdatedAt;

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.RecordContact(ContactChannel.Phone, FixedContext.Now.AddMinutes(1), Today, "Call", FixedContext.Default));

        Assert.Equal("Journal.ContactInFuture", Assert.Single(exception.Refusals).Code);
        Assert.Equal(Today.AddDays(-5), household.LastContactOn);
        Assert.Equal(updatedAt, household.UpdatedAt);
    }

    [Fact]
    public void RecordContact_DayAfterToday_RefusedAndLastContactUnchanged()
    {
        var household = new HouseholdBuilder().WithContact(Today.AddDays(-5)).Build();

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.RecordContact(ContactChannel.Phone, FixedContext.Now, Today.AddDays(1), "Call", FixedContext.Default));

        Assert.Equal("Journal.ContactInFuture", Assert.Single(exception.Refusals).Code);
        Assert.Equal(Today.AddDays(-5), household.LastContactOn);
    }

    [Fact]
    public void RecordContact_ClosedFile_Refused()
    {
        var household = new HouseholdBuilder().WithStatus(CaseStatus.Closed).Build();

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.RecordContact(ContactChannel.Phone, FixedContext.Now, Today, "Call", FixedContext.Default));

        Assert.Equal("Workflow.NotAllowedWhileClosed", Assert.Single(exception.Refusals).Code);
        Assert.Null(household.LastContactOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void RecordContact_BlankText_TextRequiredAndLastContactUnchanged(string text)
    {
        var household = new HouseholdBuilder().Build();

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.RecordContact(ContactChannel.Phone, FixedContext.Now, Today, text, FixedContext.Default));

        Assert.Equal("Journal.TextRequired", Assert.Single(exception.Refusals).Code);
        Assert.Null(household.LastContactOn);
    }

    [Fact]
    public void RecordContact_TextLongerThanTheMaximum_TextTooLongAndLastContactUnchanged()
    {
        var household = new HouseholdBuilder().Build();
        var text = new string('x', JournalEntry.MaxTextLength + 1);

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.RecordContact(ContactChannel.Phone, FixedContext.Now, Today, text, FixedContext.Default));

        var refusal = Assert.Single(exception.Refusals);
        Assert.Equal("Journal.TextTooLong", refusal.Code);
        Assert.Equal<object>([JournalEntry.MaxTextLength], refusal.Arguments);
        Assert.Null(household.LastContactOn);
    }

    [Fact]
    public void RecordContact_TextOfExactlyTheMaximum_Accepted()
    {
        var household = new HouseholdBuilder().Build();
        var text = new string('x', JournalEntry.MaxTextLength);

        var entry = household.RecordContact(ContactChannel.Email, FixedContext.Now, Today, text, FixedContext.Default);

        Assert.Equal(JournalEntry.MaxTextLength, entry.Text.Length);
    }

    [Fact]
    public void AddNote_Valid_ReturnsANoteWrittenNowByTheActor()
    {
        var household = new HouseholdBuilder().Build();
        var updatedAt = household.UpdatedAt;

        var entry = household.AddNote("  Prefers regions with a francisation program.  ", FixedContext.Default);

        Assert.Equal(household.Id, entry.HouseholdId);
        Assert.Equal(JournalEntryKind.Note, entry.Kind);
        Assert.Null(entry.Channel);
        Assert.Equal(FixedContext.Now, entry.OccurredAt);
        Assert.Equal("Prefers regions with a francisation program.", entry.Text);
        Assert.Equal(FixedContext.Counsellor.Id, entry.AuthorId);
        Assert.Null(household.LastContactOn);
        Assert.Equal(updatedAt, household.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddNote_BlankText_TextRequired(string text)
    {
        var household = new HouseholdBuilder().Build();

        var exception = Assert.Throws<DomainRuleException>(() => household.AddNote(text, FixedContext.Default));

        Assert.Equal("Journal.TextRequired", Assert.Single(exception.Refusals).Code);
    }

    [Theory]
    [InlineData(JournalEntry.MaxTextLength, null)]
    [InlineData(JournalEntry.MaxTextLength + 1, "Journal.TextTooLong")]
    [InlineData(10_000, "Journal.TextTooLong")]
    public void AddNote_TextLength_RefusedPastTheMaximum(int length, string? refusal)
    {
        var household = new HouseholdBuilder().Build();
        var text = new string('é', length);

        var exception = Record.Exception(() => household.AddNote(text, FixedContext.Default));

        if (refusal is null)
        {
            Assert.Null(exception);
        }
        else
        {
            Assert.Equal(refusal, Assert.Single(Assert.IsType<DomainRuleException>(exception).Refusals).Code);
        }
    }

    [Fact]
    public void AddNote_ClosedFile_Refused()
    {
        var household = new HouseholdBuilder().AtStage(Stage.MovingSubsidy).ClosedAfter(CaseStatus.Settled).Build();

        var exception = Assert.Throws<DomainRuleException>(() => household.AddNote("Late news", FixedContext.Default));

        Assert.Equal("Workflow.NotAllowedWhileClosed", Assert.Single(exception.Refusals).Code);
    }

    private static void RecordContactOn(Household household, DateOnly day) =>
        household.RecordContact(ContactChannel.Phone, FixedContext.At(day), day, "Follow-up call", FixedContext.Default);

    private static void AssertValidOr(HouseholdProfile profile, bool valid, FieldRefusal expected)
    {
        if (valid)
        {
            Assert.Empty(profile.Validate(Today));
        }
        else
        {
            Assert.Equal([expected], profile.Validate(Today));
        }
    }
}
