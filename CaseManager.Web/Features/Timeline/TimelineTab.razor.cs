using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Timeline;

/// <summary>The "Chronologie" tab of a household's file.</summary>
public sealed partial class TimelineTab
{
    private TimelineView? _view;

    [Inject]
    private IStringLocalizer<DistributionText> D { get; set; } = default!;

    [Inject]
    private IStringLocalizer<HouseholdRemindersText> H { get; set; } = default!;

    private ReferenceLists? _lists;
    private int _take = TimelineService.PageSize;
    private string? _error;
    private bool _loading;

    [Parameter, EditorRequired]
    public Guid HouseholdId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _lists = await Reference.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _view = await Timeline.GetAsync(HouseholdId, _take);
            _error = null;
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (NotFoundException)
        {
            _error = L["Error.NotFound"];
        }
    }

    private async Task EarlierAsync()
    {
        _loading = true;
        _take += TimelineService.PageSize;
        try
        {
            await LoadAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task AnswerAsync(Guid checkId)
    {
        RetentionCheckSummary check;
        try
        {
            check = await Retention.GetAsync(checkId);
        }
        catch (Exception failure) when (failure is AccessDeniedException or NotFoundException)
        {
            await LoadAsync();
            return;
        }

        var parameters = new DialogParameters<RetentionAnswerDialog>
        {
            { d => d.Check, check },
            { d => d.Today, _view!.Today },
        };
        var dialog = await Dialogs.ShowAsync<RetentionAnswerDialog>(T["Retention.Title", check.MonthsAfter], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(T["Retention.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private static string When(TimelineEntry entry) =>
        entry.At is { } at ? LocalizerExtensions.Moment(at) : LocalizerExtensions.Day(entry.Day);

    private string OverdueText(TimelineEntry entry) => entry is { Kind: TimelineEntryKind.StayComing, Date: { } lastDay }
        ? S["Timeline.StayOverdue", _view!.Today.DayNumber - lastDay.DayNumber]
        : T["Timeline.Overdue", _view!.Today.DayNumber - entry.Day.DayNumber];

    private string Region(TimelineEntry entry) => _lists!.RegionName(entry.RegionCode);

    private string Need(string? code) => ReferenceLists.Label(_lists!.Needs, code);

    private string Quoted(string? title) => TimelineFormat.Quoted(T, title);

    /// <summary>One line per kind: said once, in words, whatever its icon.</summary>
    private string Headline(TimelineEntry entry) => entry.Kind switch
    {
        TimelineEntryKind.FileOpened => L.Enum(TransitionKind.Opened),
        TimelineEntryKind.StageChanged => T["Timeline.StageChanged", L.Enum(entry.Transition!.Value),
            entry.FromStage is { } from ? L[$"StageShort.{from}"] : "", L[$"StageShort.{entry.ToStage}"]],
        TimelineEntryKind.StatusChanged => entry.ReasonCode is { } reason
            ? T["Timeline.WithReason", L.Enum(entry.Transition!.Value), ReferenceLists.Label(_lists!.WithdrawalReasons, reason)]
            : L.Enum(entry.Transition!.Value),
        TimelineEntryKind.Contact => entry.Channel is { } channel ? T["Timeline.Contact", L.Enum(channel)] : L["Journal.Contact"],
        TimelineEntryKind.Note => L["Journal.Note"],
        TimelineEntryKind.GoalsAdded => Counted("Timeline.GoalAdded", "Timeline.GoalsAdded", entry.Titles.Select(Need)),
        TimelineEntryKind.GoalsRemoved => Counted("Timeline.GoalRemoved", "Timeline.GoalsRemoved", entry.Titles.Select(Need)),
        TimelineEntryKind.GoalStatusChanged => T["Timeline.GoalStatus", Need(entry.NeedCode), T[$"GoalStatus.{entry.GoalStatus}"]],
        TimelineEntryKind.TasksAdded => Counted("Timeline.TaskAdded", "Timeline.TasksAdded", entry.Titles.Select(Quoted)),
        TimelineEntryKind.TasksRemoved => Counted("Timeline.TaskRemoved", "Timeline.TasksRemoved", entry.Titles.Select(Quoted)),
        TimelineEntryKind.TaskStatusChanged => T[$"Timeline.Task.{TaskChange(entry)}", Quoted(entry.Title)],
        TimelineEntryKind.MilestonesAdded => Counted("Timeline.MilestoneAdded", "Timeline.MilestonesAdded", entry.Titles),
        TimelineEntryKind.MilestonesRemoved => Counted("Timeline.MilestoneRemoved", "Timeline.MilestonesRemoved", entry.Titles),
        TimelineEntryKind.MilestoneReached => T["Timeline.MilestoneReached", Quoted(entry.Title)],
        TimelineEntryKind.PlanAgreed => entry.Title is { } with
            ? T["Timeline.PlanAgreedWith", with, LocalizerExtensions.Day(entry.Date)]
            : T["Timeline.PlanAgreed", LocalizerExtensions.Day(entry.Date)],
        TimelineEntryKind.TargetMoveDateChanged => entry.Date is { } date
            ? T["Timeline.TargetMoveDateSet", LocalizerExtensions.Day(date)]
            : T["Timeline.TargetMoveDateRemoved"],
        TimelineEntryKind.RetentionAnswered => T["Timeline.RetentionAnswered", entry.MonthsAfter ?? 0],
        TimelineEntryKind.Assigned => D["Timeline.Assigned", entry.Title ?? "", Assignment.AssignmentTexts.Reason(D, entry.AssignmentReason!.Value)],
        TimelineEntryKind.TaskDue => T["Timeline.TaskDue", Quoted(entry.Title)],
        TimelineEntryKind.MilestoneDue => T["Timeline.MilestoneDue", Quoted(entry.Title)],
        TimelineEntryKind.TargetMoveDate => T["Timeline.TargetMoveDate"],
        TimelineEntryKind.HoldReview => T["Timeline.HoldReview"],
        TimelineEntryKind.RetentionDue => T["Timeline.RetentionDue", entry.MonthsAfter ?? 0],
        TimelineEntryKind.StayCompleted => entry.Attendance == Attendance.Absent
            ? S["Timeline.StayMissed", Region(entry)]
            : S["Timeline.StayDone", Region(entry)],
        TimelineEntryKind.StayDebriefed => S["Timeline.Debrief", Region(entry), entry.Interest ?? 0],
        TimelineEntryKind.StayComing => S["Timeline.StayUpcoming", Region(entry), entry.PartnerName ?? "", LocalizerExtensions.Day(entry.Date)],
        TimelineEntryKind.SessionRegistered => SessionsL[entry.Registration == Domain.Sessions.RegistrationStatus.WaitListed ? "Timeline.SessionWaitListed" : "Timeline.SessionRegistered",
            entry.Title ?? "", LocalizerExtensions.Day(entry.Date)],
        TimelineEntryKind.HouseholdMessage => H["Timeline.Line", H[$"Channel.{entry.MessageChannel}"],
            H[entry.HouseholdReminder is { } reminder ? $"Kind.{reminder}" : "Kind.Direct"], H[$"Status.{entry.MessageStatus}"]],
        TimelineEntryKind.SessionAttendance => SessionsL["Timeline.SessionAttendance", entry.Title ?? "", Sessions.SessionTexts.Attendance(SessionsL, entry.SessionAttendance)],
        TimelineEntryKind.SessionComing => SessionsL[entry.Registration == Domain.Sessions.RegistrationStatus.WaitListed ? "Timeline.SessionComingWaitListed" : "Timeline.SessionComing",
            entry.Title ?? "", Sessions.SessionTexts.TimeOnlyOf(entry.At ?? default)],
    };

    /// <summary>"Tâche ajoutée : « A »", or "3 tâches ajoutées : « A », « B », « C »".</summary>
    private string Counted(string one, string many, IEnumerable<string> titles)
    {
        var list = titles.ToList();
        return list.Count == 1 ? T[one, list[0]] : T[many, list.Count, string.Join(", ", list)];
    }

    private static string TaskChange(TimelineEntry entry) => (entry.PreviousTaskStatus, entry.TaskStatus) switch
    {
        (_, PlanTaskStatus.Done) => "Done",
        (_, PlanTaskStatus.Cancelled) => "Cancelled",
        (PlanTaskStatus.Done or PlanTaskStatus.Cancelled, _) => "Reopened",
        (_, PlanTaskStatus.InProgress) => "Started",
        _ => "BackToDo",
    };

    /// <summary>The text under the headline: a comment, a journal entry's beginning, a follow-up's answers.</summary>
    private string? Detail(TimelineEntry entry)
    {
        if (entry.Kind == TimelineEntryKind.RetentionAnswered)
        {
            var answers = T["Timeline.RetentionAnswers", Reply(entry.StillInRegion), Reply(entry.Working), Reply(entry.Housed)];
            return entry.Text is null ? answers : $"{answers}\n{entry.Text}";
        }

        if (entry is { Kind: TimelineEntryKind.StayDebriefed, Titles.Count: > 0 })
        {
            var steps = S["Timeline.NextSteps", string.Join(", ", entry.Titles.Select(Quoted))];
            return entry.Text is null ? steps : $"{steps}\n{entry.Text}";
        }

        return entry.TextCut ? entry.Text + "…" : entry.Text;
    }

    private string Reply(bool? answer) => answer switch
    {
        true => L["Common.Yes"],
        false => L["Common.No"],
        null => L["Common.Unknown"],
    };

    /// <summary>Who did it, or who is to do it and for which goal.</summary>
    private IEnumerable<string> Meta(TimelineEntry entry)
    {
        if (entry.Actor is { } actor)
        {
            yield return T["Timeline.By", actor];
        }

        if (entry.Kind == TimelineEntryKind.TaskDue)
        {
            if (entry.Owner is { } owner)
            {
                yield return T["Timeline.Owner", TimelineFormat.Owner(T, owner)];
            }

            if (entry.NeedCode is not null)
            {
                yield return Need(entry.NeedCode);
            }

            if (entry.TaskStatus == PlanTaskStatus.InProgress)
            {
                yield return T["Timeline.InProgress"];
            }
        }

        if (entry.Kind is TimelineEntryKind.StayComing or TimelineEntryKind.StayCompleted)
        {
            if (entry.Kind == TimelineEntryKind.StayComing && entry.StayStatus is { } status)
            {
                yield return S[$"StayStatus.{status}"];
            }

            if (entry.Kind == TimelineEntryKind.StayCompleted)
            {
                if (entry.Attendance is { } attendance)
                {
                    yield return S[$"Attendance.{attendance}"];
                }

                if (entry.PartnerName is { } partner)
                {
                    yield return partner;
                }
            }

            if (entry.PeopleCount is { } people)
            {
                yield return S["Timeline.People", people];
            }
        }
    }

    private static string Icon(TimelineEntry entry) => entry.Kind switch
    {
        TimelineEntryKind.FileOpened => Icons.Material.Outlined.CreateNewFolder,
        TimelineEntryKind.StageChanged => Icons.Material.Outlined.DoubleArrow,
        TimelineEntryKind.StatusChanged => entry.Transition switch
        {
            TransitionKind.Hold => Icons.Material.Outlined.PauseCircle,
            TransitionKind.Withdraw => Icons.Material.Outlined.ExitToApp,
            TransitionKind.Reactivate => Icons.Material.Outlined.PlayCircle,
            TransitionKind.Settle => Icons.Material.Outlined.Home,
            _ => Icons.Material.Outlined.Lock,
        },
        TimelineEntryKind.Contact => Icons.Material.Outlined.Forum,
        TimelineEntryKind.Note => Icons.Material.Outlined.StickyNote2,
        TimelineEntryKind.GoalsAdded or TimelineEntryKind.GoalStatusChanged => Icons.Material.Outlined.Flag,
        TimelineEntryKind.GoalsRemoved or TimelineEntryKind.MilestonesRemoved => Icons.Material.Outlined.RemoveCircleOutline,
        TimelineEntryKind.TasksAdded => Icons.Material.Outlined.PlaylistAdd,
        TimelineEntryKind.TasksRemoved => Icons.Material.Outlined.PlaylistRemove,
        TimelineEntryKind.TaskStatusChanged => entry.TaskStatus switch
        {
            PlanTaskStatus.Done => Icons.Material.Outlined.TaskAlt,
            PlanTaskStatus.Cancelled => Icons.Material.Outlined.Block,
            _ => Icons.Material.Outlined.Autorenew,
        },
        TimelineEntryKind.MilestonesAdded or TimelineEntryKind.MilestoneDue => Icons.Material.Outlined.Event,
        TimelineEntryKind.MilestoneReached => Icons.Material.Outlined.EventAvailable,
        TimelineEntryKind.PlanAgreed => Icons.Material.Outlined.Handshake,
        TimelineEntryKind.TargetMoveDateChanged or TimelineEntryKind.TargetMoveDate => Icons.Material.Outlined.LocalShipping,
        TimelineEntryKind.RetentionAnswered => Icons.Material.Outlined.FactCheck,
        TimelineEntryKind.TaskDue => Icons.Material.Outlined.CheckBoxOutlineBlank,
        TimelineEntryKind.HoldReview => Icons.Material.Outlined.Schedule,
        TimelineEntryKind.RetentionDue => Icons.Material.Outlined.ContactPhone,
        TimelineEntryKind.StayComing => Icons.Material.Outlined.Luggage,
        TimelineEntryKind.StayCompleted => entry.Attendance == Attendance.Absent ? Icons.Material.Outlined.EventBusy : Icons.Material.Outlined.Luggage,
        TimelineEntryKind.StayDebriefed => Icons.Material.Outlined.RateReview,
        TimelineEntryKind.SessionRegistered or TimelineEntryKind.SessionComing => Icons.Material.Outlined.Groups,
        TimelineEntryKind.SessionAttendance => Icons.Material.Outlined.HowToReg,
        TimelineEntryKind.Assigned => Icons.Material.Outlined.AssignmentInd,
        TimelineEntryKind.HouseholdMessage => entry.MessageChannel == Domain.HouseholdReminders.HouseholdChannel.TextMessage
            ? Icons.Material.Outlined.Sms : Icons.Material.Outlined.Email,
    };
}
