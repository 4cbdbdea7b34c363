using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

public sealed class RetentionCheckTests
{
    private static readonly DateOnly SettledOn = FixedContext.Today.AddMonths(-3).AddDays(-2);

    private static RetentionCheck Check(int months = 3) => RetentionCheck.Due(Guid.NewGuid(), months, SettledOn, FixedContext.Now);

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    public void Due_AtAHorizon_FallsThatManyMonthsAfterTheSettlement(int months)
    {
        var check = Check(months);

        Assert.Equal((SettledOn.AddMonths(months), false), (check.DueOn, check.IsAnswered));
    }

    [Fact]
    public void Due_GivenAMontrealInstant_StoresItInUtc()
    {
        var check = Check();

        Assert.Equal((TimeSpan.Zero, FixedContext.Now), (check.CreatedAt.Offset, check.CreatedAt));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void Due_OutsideTheHorizons_IsRefused(int months) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(months));

    [Fact]
    public void Answer_WithSomeQuestionsUnknown_RecordsTheAnswersTheDayAndWho()
    {
        var check = Check();

        check.Answer(FixedContext.Today.AddDays(-1), stillInRegion: true, working: null, housed: false, "  Rejoint par téléphone.  ", FixedContext.Default);

        Assert.Equal(
            (FixedContext.Today.AddDays(-1), (bool?)true, (bool?)null, (bool?)false, "Rejoint par téléphone.", "Marie Tremblay"),
            (check.AnsweredOn!.Value, check.StillInRegion, check.Working, check.Housed, check.Comment, check.AnsweredBy));
    }

    [Fact]
    public void Answer_OnlyAComment_IsEnough()
    {
        var check = Check();

        check.Answer(FixedContext.Today, null, null, null, "Injoignable : trois messages laissés.", FixedContext.Default);

        Assert.True(check.IsAnswered);
    }

    [Fact]
    public void Answer_DatedAfterToday_IsRefusedAndChangesNothing()
    {
        var check = Check();

        var refused = Assert.Throws<DomainRuleException>(() =>
            check.Answer(FixedContext.Today.AddDays(1), true, true, true, null, FixedContext.Default));

        Assert.Equal("Retention.AnswerInFuture", Assert.Single(refused.Refusals).Code);
        Assert.False(check.IsAnswered);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Answer_NothingKnownAndNoComment_IsRefused(string? comment)
    {
        var check = Check();

        var refused = Assert.Throws<DomainRuleException>(() => check.Answer(FixedContext.Today, null, null, null, comment, FixedContext.Default));

        Assert.Equal("Retention.AnswerEmpty", Assert.Single(refused.Refusals).Code);
        Assert.False(check.IsAnswered);
    }

    [Fact]
    public void Answer_CommentLongerThanTheColumn_IsRefused()
    {
        var check = Check();

        var refused = Assert.Throws<DomainRuleException>(() =>
            check.Answer(FixedContext.Today, true, null, null, new string('x', RetentionCheck.MaxCommentLength + 1), FixedContext.Default));

        Assert.Equal(new Refusal("Retention.CommentTooLong", RetentionCheck.MaxCommentLength).ToString(), Assert.Single(refused.Refusals).ToString());
        Assert.False(check.IsAnswered);
    }
}
