using System.Globalization;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;

namespace CaseManager.Web.Features.Intake;

/// <summary>
/// The public registration form, static server rendering (no circuit: works on any phone, posts
/// with Blazor's antiforgery token; the rate limit counts each accepted registration per address). French at
/// /inscription, English at /register. A filled honeypot is thanked and nothing is saved.
/// </summary>
public partial class RegistrationPage
{
    public const int MaxChildren = 4;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private IFormCollection? _posted;
    private IntakeForm? _form;
    private string _idempotencyKey = "";

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private IntakeService Intake { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<RegistrationPage> Logger { get; set; } = default!;

    private bool English => HttpContext.Request.Path.StartsWithSegments("/register", StringComparison.OrdinalIgnoreCase);

    protected override async Task OnInitializedAsync()
    {
        // The address says the language: /register is English, /inscription French.
        if (HttpMethods.IsGet(HttpContext.Request.Method) && English == AppCultures.IsFrench)
        {
            var culture = English ? AppCultures.English : AppCultures.French;
            Navigation.NavigateTo($"/culture/{culture}?returnUrl={Uri.EscapeDataString(HttpContext.Request.Path)}", forceLoad: true);
            return;
        }

        try
        {
            _form = await Intake.GetFormAsync();
        }
        catch (InvalidOperationException exception)
        {
            Logger.LogError(exception, "The registration form cannot be shown.");
        }

        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType)
        {
            _posted = await HttpContext.Request.ReadFormAsync();
        }

        _idempotencyKey = Value("idempotencyKey") is { Length: > 0 and <= 100 } key ? key : Guid.NewGuid().ToString("N");
    }

    private async Task SubmitAsync()
    {
        _posted ??= await HttpContext.Request.ReadFormAsync();
        var thanks = English ? "/register/thanks" : "/inscription/merci";
        if (!string.IsNullOrEmpty(Value("website")))
        {
            Logger.LogWarning("Registration honeypot filled from {Address}: dropped.", HttpContext.Connection.RemoteIpAddress);
            // A robot thanked counts against its address like a registration.
            IntakeRateLimits.CountThisPost(HttpContext);
            Navigation.NavigateTo($"{thanks}?reference={Registration.NewReference()}", forceLoad: true);
            return;
        }

        var request = ReadRequest();
        if (_errors.Count > 0)
        {
            return;
        }

        try
        {
            var outcome = await Intake.RegisterAsync(request, IntakeOrigin.Web(_idempotencyKey));
            if (!outcome.Replayed)
            {
                IntakeRateLimits.CountThisPost(HttpContext);
            }

            // A repeat is told its file's reference again; no second confirmation is sent.
            var said = outcome.Repeat ? "&repeat=1" : string.IsNullOrWhiteSpace(request.Profile.Contact.Email) ? "" : "&email=1";
            Navigation.NavigateTo($"{thanks}?reference={outcome.Reference}{said}", forceLoad: true);
        }
        catch (IntakeValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                AddError(InputOf(error.Field), IntakeMessages.Describe(error.Code, CultureInfo.CurrentUICulture));
            }
        }
        catch (IdempotencyConflictException)
        {
            // This page was sent once already (back, changed, sent again): a new page makes a new registration.
            AddError("form", IntakeMessages.Describe("Intake.FormAlreadySent", CultureInfo.CurrentUICulture));
        }
        catch (CaseManager.Domain.Common.DomainRuleException refused)
        {
            Logger.LogError("Registration refused: {Refusals}.", string.Join(", ", refused.Refusals));
            AddError("form", T["Register.Closed"]);
        }
    }

    private RegistrationRequest ReadRequest()
    {
        var children = new List<Child>();
        for (var i = 1; i <= MaxChildren; i++)
        {
            var firstName = Value($"child{i}FirstName");
            var birthDate = ParseDate($"child{i}BirthDate");
            if (firstName.Length > 0 || birthDate is not null)
            {
                if (birthDate is null && !_errors.ContainsKey($"child{i}BirthDate"))
                {
                    AddError($"child{i}BirthDate", T["Register.ChildBirthDateRequired"]);
                }

                children.Add(new Child { FirstName = firstName, BirthDate = birthDate ?? default });
            }
        }

        Person? spouse = null;
        var spouseFirst = Value("spouseFirstName");
        var spouseLast = Value("spouseLastName");
        if (spouseFirst.Length > 0 || spouseLast.Length > 0)
        {
            if (spouseFirst.Length == 0 || spouseLast.Length == 0)
            {
                AddError("spouseFirstName", T["Register.SpouseIncomplete"]);
            }

            spouse = new Person { FirstName = spouseFirst, LastName = spouseLast };
        }

        _ = int.TryParse(Value("noticeVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var noticeVersion);
        var consents = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var purpose in _form?.Purposes ?? [])
        {
            consents[purpose.Code] = Value($"consent-{purpose.Code}") == "true";
        }

        return new RegistrationRequest
        {
            Profile = new HouseholdProfile
            {
                PrimaryApplicant = new Person
                {
                    FirstName = Value("firstName"),
                    LastName = Value("lastName"),
                    BirthDate = ParseDate("birthDate"),
                    Occupation = Value("occupation"),
                    FrenchLevel = Enum.TryParse<FrenchLevel>(Value("frenchLevel"), out var level) && Enum.IsDefined(level) ? level : FrenchLevel.Unknown,
                },
                Spouse = spouse,
                Children = children,
                Contact = new ContactInfo { Email = Value("email"), Phone = Value("phone") },
                ImmigrationStatusCode = Value("immigrationStatus") is { Length: > 0 } status ? status : null,
                ArrivalDate = ParseDate("arrivalDate"),
                PreferredRegionCodes = Values("region"),
            },
            Language = English ? "en" : "fr",
            HeardFrom = Enum.TryParse<HeardFrom>(Value("heardFrom"), out var heard) && Enum.IsDefined(heard) ? heard : null,
            HeardFromDetail = Value("heardFromDetail"),
            InterestCodes = Values("interest"),
            NoticeVersion = noticeVersion,
            Consents = consents,
        };
    }

    private DateOnly? ParseDate(string name)
    {
        var text = Value(name);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        AddError(name, T["Register.DateInvalid"]);
        return null;
    }

    /// <summary>The form's input that shows a refusal of the service.</summary>
    private static string InputOf(string field) => field switch
    {
        "PrimaryApplicant.FirstName" => "firstName",
        "PrimaryApplicant.LastName" => "lastName",
        "PrimaryApplicant.BirthDate" => "birthDate",
        _ when field.StartsWith("Spouse.", StringComparison.Ordinal) => "spouseFirstName",
        _ when field.StartsWith("Children[", StringComparison.Ordinal) =>
            $"child{int.Parse(field[9..field.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture) + 1}" +
            (field.EndsWith("BirthDate", StringComparison.Ordinal) ? "BirthDate" : "FirstName"),
        "Contact.Email" => "email",
        "Contact.Phone" => "phone",
        "ArrivalDate" => "arrivalDate",
        "ImmigrationStatusCode" => "immigrationStatus",
        "PreferredRegionCodes" => "region",
        "InterestCodes" => "interest",
        "HeardFrom" => "heardFrom",
        "HeardFromDetail" => "heardFromDetail",
        "NoticeVersion" => "notice",
        _ when field.StartsWith("Consents.", StringComparison.Ordinal) => "consent-" + field["Consents.".Length..],
        _ => "form",
    };

    private string FormPath => English ? "/register" : "/inscription";

    /// <summary>The inputs in the order the form shows them: the error summary follows it.</summary>
    private IEnumerable<string> FormOrder()
    {
        string[] person = ["firstName", "lastName", "birthDate", "occupation", "frenchLevel", "spouseFirstName", "spouseLastName"];
        var children = Enumerable.Range(1, MaxChildren).SelectMany(i => new[] { $"child{i}FirstName", $"child{i}BirthDate" });
        string[] rest = ["email", "phone", "immigrationStatus", "arrivalDate", "region", "interest", "heardFrom", "heardFromDetail", "notice"];
        return person.Concat(children).Concat(rest).Concat((_form?.Purposes ?? []).Select(p => $"consent-{p.Code}"));
    }

    private IEnumerable<KeyValuePair<string, List<string>>> ErrorsInFormOrder()
    {
        var order = FormOrder().Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
        // What belongs to no field ("form") first, then the fields from the top of the form.
        return _errors.OrderBy(e => order.TryGetValue(e.Key, out var index) ? index : -1);
    }

    /// <summary>The label of the input <paramref name="name"/> (its id), as the form shows it; null for what is not a field.</summary>
    private string? LabelOf(string name)
    {
        if (name.StartsWith("consent-", StringComparison.Ordinal))
        {
            return _form?.Purposes.FirstOrDefault(p => $"consent-{p.Code}" == name)?.Name(AppCultures.IsFrench);
        }

        if (name.StartsWith("child", StringComparison.Ordinal) && name.Length > 6 && char.IsAsciiDigit(name[5]))
        {
            var number = name[5] - '0';
            return name.EndsWith("BirthDate", StringComparison.Ordinal) ? T["Register.ChildBirthDate", number] : T["Register.ChildFirstName", number];
        }

        return name switch
        {
            "firstName" => L["Profile.FirstName"].Value,
            "lastName" => L["Profile.LastName"].Value,
            "birthDate" => L["Profile.BirthDate"].Value,
            "occupation" => T["Register.Occupation"].Value,
            "frenchLevel" => L["Profile.FrenchLevel"].Value,
            "spouseFirstName" => T["Register.SpouseFirstName"].Value,
            "spouseLastName" => T["Register.SpouseLastName"].Value,
            "email" => L["Profile.Email"].Value,
            "phone" => L["Profile.Phone"].Value,
            "immigrationStatus" => L["Profile.ImmigrationStatus"].Value,
            "arrivalDate" => L["Profile.ArrivalDate"].Value,
            "region" => T["Register.Regions"].Value,
            "interest" => T["Register.Interests"].Value,
            "heardFrom" => T["Register.HeardFrom"].Value,
            "heardFromDetail" => T["Register.HeardFromDetail"].Value,
            "notice" => T["Register.NoticeLabel"].Value,
            _ => null,
        };
    }

    private void AddError(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var messages))
        {
            _errors[name] = messages = [];
        }

        messages.Add(message);
    }

    private string Value(string name) =>
        _posted is not null && _posted.TryGetValue(name, out var value) ? (value.ToString() ?? "").Trim() : "";

    private List<string> Values(string name) =>
        _posted is not null && _posted.TryGetValue(name, out StringValues values)
            ? values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList()
            : [];
}
