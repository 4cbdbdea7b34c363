using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text a person reads exists in French and in English.</summary>
public sealed class ResourceFilesTests
{
    private static readonly ResourceManager Resources = new(typeof(Strings));

    private static Dictionary<string, string> Entries(CultureInfo culture, bool tryParents) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: tryParents)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void Strings_FrenchAndEnglish_HaveTheSameKeysAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture, tryParents: false);
        var english = Entries(CultureInfo.GetCultureInfo("en"), tryParents: false);

        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void Strings_FrenchAndEnglish_UseTheSamePlaceholders()
    {
        var french = Entries(CultureInfo.InvariantCulture, tryParents: false);
        var english = Entries(CultureInfo.GetCultureInfo("en"), tryParents: false);

        var mismatched = french.Keys
            .Where(key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])))
            .ToList();

        Assert.Empty(mismatched);
    }

    public static TheoryData<string> EnumKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            keys.Add($"Stage.{stage}");
            keys.Add($"StageShort.{stage}");
        }

        void AddAll<TEnum>(string prefix)
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                keys.Add($"{prefix}.{value}");
            }
        }

        AddAll<CaseStatus>(nameof(CaseStatus));
        AddAll<FrenchLevel>(nameof(FrenchLevel));
        AddAll<EmploymentStatus>(nameof(EmploymentStatus));
        AddAll<ChildCare>(nameof(ChildCare));
        AddAll<ContactChannel>(nameof(ContactChannel));
        AddAll<RegistrationSource>(nameof(RegistrationSource));
        AddAll<TransitionKind>(nameof(TransitionKind));
        AddAll<TransitionKind>("Saved");
        AddAll<GoalStatus>(nameof(GoalStatus));
        AddAll<TaskOwner>(nameof(TaskOwner));
        AddAll<PlanTaskStatus>(nameof(PlanTaskStatus));
        foreach (var role in Roles.All)
        {
            keys.Add($"Role.{role}");
        }

        foreach (var kind in new[] { "Skip", "GoBack", "Hold", "Withdraw", "Reactivate", "Settle", "Close" })
        {
            keys.Add($"Transition.{kind}.Title");
            keys.Add($"Transition.{kind}.Help");
            keys.Add($"Transition.{kind}.Confirm");
        }

        return keys;
    }

    /// <summary>The refusal codes the domain and the services raise: each reaches a person as a sentence.</summary>
    public static TheoryData<string> RefusalCodes() =>
    [
        "Workflow.Requirement.ContactRecorded", "Workflow.Requirement.NeedsIdentified", "Workflow.Requirement.PlanAgreed", "Workflow.Requirement.SessionAttended", "Workflow.NotNextStage",
        "Workflow.LastStage", "Workflow.SkipMustMoveForward", "Workflow.SkipIsAdvance", "Workflow.GoBackMustMoveBack",
        "Workflow.ReasonRequired", "Workflow.ReviewDateMustBeFuture", "Workflow.WithdrawalReasonRequired",
        "Workflow.UnknownWithdrawalReason", "Workflow.SettlementRegionRequired", "Workflow.SettlementRegionNotHost",
        "Workflow.SettlementMunicipalityRequired", "Workflow.SettlementDateInFuture", "Workflow.NotAllowedWhileActive",
        "Workflow.NotAllowedWhileOnHold", "Workflow.NotAllowedWhileWithdrawn", "Workflow.NotAllowedWhileSettled",
        "Workflow.NotAllowedWhileClosed", "Journal.ContactInFuture", "Journal.TextRequired", "Journal.TextTooLong",
        "Profile.Required", "Profile.EmailInvalid", "Profile.PhoneInvalid", "Profile.BirthDateInFuture",
        "Profile.DateInFuture", "Profile.UnknownRegion", "Profile.UnknownNeed", "Profile.UnknownImmigrationStatus",
        "Household.CounsellorWithoutOrganization", "Distribution.NoCounsellorAvailable", "Notifications.SnoozeInPast",
        "Retention.AnswerInFuture", "Retention.AnswerEmpty", "Retention.CommentTooLong", "Retention.AlreadyAnswered",
        "Plan.NeedRequired", "Plan.GoalNotFound", "Plan.TaskNotFound", "Plan.MilestoneNotFound", "Plan.TaskTitleRequired",
        "Plan.MilestoneTitleRequired", "Plan.GoalHasCompletedTasks", "Plan.CompletionInFuture", "Plan.TargetMoveDateInPast",
        "Plan.AgreementNeedsGoal", "Plan.AgreementInFuture", "Plan.AgreedWithRequired", "Plan.TemplateEmpty", "Plan.TemplateNotFound",
        "Plan.TextTooLong", "Template.NameRequired", "Template.GoalRequired", "Template.OffsetOutOfRange",
    ];

    [Theory]
    [MemberData(nameof(EnumKeys))]
    [MemberData(nameof(RefusalCodes))]
    public void Strings_KeyOfAnEnumValueOrRefusal_HasFrenchAndEnglishText(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {key}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {key}");
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
