using CaseManager.Domain.Common;
using CaseManager.Domain.Intake;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

public sealed class IntakeDomainTests
{
    [Fact]
    public void Withdraw_AGrantedConsent_RecordsWhenAndByWhomAndTheConsentIsNoLongerInForce()
    {
        var consent = ConsentRecord.Answer(Guid.NewGuid(), "newsletter", 1, granted: true, ConsentSource.RegistrationForm, FixedContext.Now.AddDays(-3));

        consent.Withdraw("  par téléphone ", FixedContext.Default);

        Assert.False(consent.IsInForce);
        Assert.Equal(FixedContext.Now, consent.WithdrawnAt);
        Assert.Equal(FixedContext.Default.Actor.Id, consent.WithdrawnById);
        Assert.Equal("par téléphone", consent.WithdrawalNote);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Withdraw_ARefusedOrAlreadyWithdrawnConsent_IsRefused(bool granted, bool withdrawFirst)
    {
        var consent = ConsentRecord.Answer(Guid.NewGuid(), "newsletter", 1, granted, ConsentSource.Api, FixedContext.Now);
        if (withdrawFirst)
        {
            consent.Withdraw(null, FixedContext.Default);
        }

        var refused = Assert.Throws<DomainRuleException>(() => consent.Withdraw(null, FixedContext.Default));
        Assert.Equal("Consent.NotInForce", refused.Refusals.Single().Code);
    }

    [Fact]
    public void Resolve_AFlagTwice_IsRefused()
    {
        var flag = DuplicateFlag.Raise(Guid.NewGuid(), Guid.NewGuid(), DuplicateCriteria.Email | DuplicateCriteria.Phone, FixedContext.Now);
        flag.Dismiss("deux sœurs", FixedContext.Default);

        Assert.Equal(DuplicateFlagStatus.Dismissed, flag.Status);
        Assert.Equal("Duplicate.AlreadyResolved", Assert.Throws<DomainRuleException>(() => flag.MarkMerged(flag.HouseholdId, FixedContext.Default)).Refusals.Single().Code);
    }

    [Fact]
    public void MarkMerged_WithAFileOutsideThePair_IsRefused()
    {
        var flag = DuplicateFlag.Raise(Guid.NewGuid(), Guid.NewGuid(), DuplicateCriteria.Email, FixedContext.Now);

        Assert.Equal("Duplicate.SurvivorNotInPair", Assert.Throws<DomainRuleException>(() => flag.MarkMerged(Guid.NewGuid(), FixedContext.Default)).Refusals.Single().Code);
        Assert.Equal(DuplicateFlagStatus.Open, flag.Status);
    }

    [Fact]
    public void MergeInto_ClosesTheFilePointingToTheSurvivorWhichKeepsTheLatestContact()
    {
        var survivor = new HouseholdBuilder().WithFileNumber("2025-00001").Build();
        var merged = new HouseholdBuilder().WithFileNumber("2025-00002").Build();
        merged.RecordContact(CaseManager.Domain.Households.ContactChannel.Phone, FixedContext.Now, FixedContext.Today, "Appel", FixedContext.Default);

        merged.MergeInto(survivor, FixedContext.Default);

        Assert.Equal(CaseManager.Domain.Households.CaseStatus.Closed, merged.Status);
        Assert.Equal(survivor.Id, merged.MergedIntoId);
        Assert.Equal(FixedContext.Today, survivor.LastContactOn);
        Assert.Contains("2025-00001", merged.History[^1].Comment, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => merged.MergeInto(survivor, FixedContext.Default));
    }
}
