using CaseManager.Domain.Common;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Sessions;

public sealed partial class SessionDialog
{
    private string _title = "";
    private List<string> _regions = [];
    private List<Guid> _partners = [];
    private DateTime? _day;
    private TimeSpan? _time = new(18, 0, 0);
    private int _duration = 120;
    private int _capacity = 20;
    private SessionFormat _format = SessionFormat.InPerson;
    private string _language = "fr";
    private string? _address;
    private string? _link;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The session to change; null to plan one.</summary>
    [Parameter]
    public SessionView? Session { get; set; }

    [Parameter, EditorRequired]
    public ReferenceLists Lists { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<PartnerName> Partners { get; set; } = [];

    protected override void OnInitialized()
    {
        // A new session: a week from today at 18 h, to adjust.
        _day = Clock.Today.AddDays(7).ToDateTime(TimeOnly.MinValue);
        if (Session is { } session)
        {
            var local = AppClock.ToLocal(session.StartsAt);
            _title = session.Title;
            _regions = [.. session.RegionCodes];
            _partners = session.Partners.Select(p => p.Id).ToList();
            _day = local.Date;
            _time = local.TimeOfDay;
            _duration = session.DurationMinutes;
            _capacity = session.Capacity;
            _format = session.Format;
            _language = session.Language;
            _address = session.Address;
            _link = session.OnlineLink;
        }
    }

    private string PartnerName(Guid id) => Partners.FirstOrDefault(p => p.Id == id)?.Name ?? "";

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        if (_day is null || _time is null)
        {
            _error = S["Form.DayAndTimeRequired"];
            return;
        }

        _busy = true;
        _error = null;
        var details = new SessionDetails(
            _title ?? "", _regions, _partners, AppClock.FromLocal(DateOnly.FromDateTime(_day.Value), TimeOnly.FromTimeSpan(_time.Value)),
            _duration, _format, _address, _link, _language, _capacity);
        try
        {
            if (Session is null)
            {
                var id = await Sessions.CreateAsync(details);
                Dialog.Close(DialogResult.Ok(id));
            }
            else
            {
                await Sessions.UpdateAsync(Session.Id, Session.Version, details);
                Dialog.Close(DialogResult.Ok(Session.Id));
            }
        }
        catch (DomainRuleException refused)
        {
            _error = S.Describe(L, refused.Refusals);
        }
        catch (ConcurrencyConflictException)
        {
            _error = S["Session.Concurrency"];
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (NotFoundException)
        {
            _error = S["Session.NotFound"];
        }
        finally
        {
            _busy = false;
        }
    }
}
