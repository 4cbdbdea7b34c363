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
}
