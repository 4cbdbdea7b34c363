using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;

namespace CaseManager.Data.Demo;

/// <summary>
/// Makes one household from its plan: a profile, then a dated sequence of contacts, notes and
/// moves that leads to the planned outcome, applied through the domain in time order.
/// </summary>
internal sealed class DemoHouseholdBuilder
{
    /// <summary>
    /// Demo files past a stage moved on as the workflow requires: their plan agreed, a session
    /// attended and their stay done or waived. The records come after the files: the plan
    /// (DemoPlanBuilder), the session attended before the file left the stage (DemoSessions), the
    /// stay or its waiver (DemoStays); DemoDataGeneratorTests holds every file to its gates.
    /// </summary>
    private static readonly WorkflowFacts PlanAgreed = new(PlanAgreed: true, SessionAttended: true, StayCompleted: true);

    /// <summary>Share of active files whose last contact is more than 30 days old (the reminders' work).</summary>
    private const double StaleShare = 0.17;

    private static readonly Actor WebsiteForm = new("demo-website", "Formulaire d'inscription en ligne");

    private static readonly (EmploymentStatus Status, double Weight)[] EmploymentStatuses =
    [
        (EmploymentStatus.Employed, 0.38), (EmploymentStatus.JobSeeker, 0.30), (EmploymentStatus.SelfEmployed, 0.05),
        (EmploymentStatus.Student, 0.10), (EmploymentStatus.NotInLabourForce, 0.10), (EmploymentStatus.Unknown, 0.07),
    ];

    private static readonly Dictionary<string, double> ImmigrationStatusWeights = new()
    {
        ["permanent-resident"] = 0.45, ["citizen"] = 0.10, ["protected-person"] = 0.10, ["refugee-claimant"] = 0.10,
        ["open-work-permit"] = 0.12, ["closed-work-permit"] = 0.06, ["student"] = 0.05, ["other"] = 0.02,
    };

    private static readonly (Stage Stage, double Weight)[] WithdrawalStages =
    [
        (Stage.Outreach, 0.35), (Stage.PersonalizedPlan, 0.25), (Stage.InfoSession, 0.17), (Stage.ExploratoryStay, 0.13), (Stage.MovingSubsidy, 0.10),
    ];

    private static readonly (string AreaCode, double Weight)[] AreaCodes = [("514", 0.55), ("438", 0.33), ("450", 0.12)];

    private static readonly double[] ChildrenWithSpouse = [0.25, 0.30, 0.28, 0.12, 0.05];
    private static readonly double[] ChildrenAlone = [0.60, 0.22, 0.12, 0.05, 0.01];
    private static readonly double[] PreferredRegionCounts = [0.45, 0.35, 0.20];
    private static readonly int[] FollowUpDays = [90, 180, 365];

    private readonly DemoReferences _references;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly DateOnly _lastDay;
    private readonly (Region Region, double Weight, string[] Municipalities)[] _hostRegions;
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private string? _previousEmail;
    private string? _previousPhone;

    public DemoHouseholdBuilder(DemoReferences references, DateTimeOffset now, DateOnly today)
    {
        _references = references;
        _now = now;
        _today = today;
        _lastDay = today.AddDays(-1);
        _hostRegions = references.HostRegions
            .Select(region => DemoVocabulary.HostRegions.TryGetValue(region.Code, out var known)
                ? (region, known.Weight, known.Municipalities)
                : (region, 0.02, [region.NameFr]))
            .ToArray();
    }

    public (Household Household, List<JournalEntry> Journal) Build(DemoPlan plan, string fileNumber, DemoCounsellor counsellor)
    {
        var random = new Random(plan.Seed);
        var openedOn = ProgramCalendar.DayOf(plan.OpenedAt);
        var profile = NewProfile(random, openedOn, plan.Source);
        var opener = plan.Source == RegistrationSource.Website ? WebsiteForm : new Actor(counsellor.Id, counsellor.Name);
        var household = Household.Open(
            fileNumber, profile, plan.Source, counsellor.OrganizationId, counsellor.Id, new ActionContext(opener, plan.OpenedAt, openedOn));

        var settles = plan.Outcome is DemoOutcome.Settled or DemoOutcome.ClosedAfterSettlement;
        var preferred = profile.PreferredRegionCodes;
        var regionCode = settles && random.Chance(0.2) ? random.Pick(preferred) : preferred[0];
        var region = _hostRegions.First(r => r.Region.Code == regionCode);
        var file = new FileTimeline(this, random, household, plan, new Actor(counsellor.Id, counsellor.Name))
        {
            FirstName = profile.PrimaryApplicant.FirstName,
            Region = region.Region,
            Municipality = random.Pick(region.Municipalities),
        };
        file.Plan();
        file.Apply();
        return (household, file.Journal);
    }

    private HouseholdProfile NewProfile(Random random, DateOnly openedOn, RegistrationSource source)
    {
        var origin = random.Weighted(DemoVocabulary.Origins, o => o.Weight);
        var primaryIsWoman = random.Chance(0.45);
        var primaryAge = random.Between(23, 56);
        var primary = NewAdult(random, origin, primaryIsWoman, openedOn, primaryAge, lastName: null);
        Person? spouse = null;
        var youngestParentAge = primaryAge;
        if (random.Chance(0.5))
        {
            var spouseOrigin = random.Chance(0.08) ? DemoVocabulary.Quebec : origin;
            var spouseIsWoman = random.Chance(0.96) ? !primaryIsWoman : primaryIsWoman;
            var sharedLastName = spouseOrigin == origin && spouseIsWoman != primaryIsWoman && random.Chance(0.3) ? primary.LastName : null;
            var spouseAge = Math.Clamp(primaryAge + random.Between(-6, 6), 21, 70);
            youngestParentAge = Math.Min(primaryAge, spouseAge);
            spouse = NewAdult(random, spouseOrigin, spouseIsWoman, openedOn, spouseAge, sharedLastName);
        }

        var children = new List<Child>();
        var childCount = WeightedIndex(random, spouse is null ? ChildrenAlone : ChildrenWithSpouse);
        var oldestChildYears = Math.Clamp(youngestParentAge - 20, 0, 17);
        for (var i = 0; i < childCount && oldestChildYears > 0; i++)
        {
            var birthDate = openedOn.AddDays(-random.Between(20, (oldestChildYears * 365) + 300));
            var name = random.Chance(0.5)
                ? random.Pick(DemoVocabulary.ChildNames)
                : random.Pick(random.Chance(0.5) ? origin.Women : origin.Men);
            if (children.Any(c => c.FirstName == name))
            {
                continue;
            }

            children.Add(new Child { FirstName = name, BirthDate = birthDate, Care = CareAt(random, birthDate, openedOn) });
        }

        children.Sort((a, b) => a.BirthDate.CompareTo(b.BirthDate));

        var languages = new List<string> { random.Pick(origin.MotherTongues) };
        if (origin.SpeaksFrench || primary.FrenchLevel >= FrenchLevel.Intermediate || spouse?.FrenchLevel == FrenchLevel.Fluent)
        {
            languages.Add("fr");
        }

        if (random.Chance(origin.EnglishShare))
        {
            languages.Add("en");
        }

        var status = random.Weighted(_references.ImmigrationStatusCodes, code => ImmigrationStatusWeights.GetValueOrDefault(code, 0.02));
        var arrivalDays = status switch
        {
            "citizen" => random.Skewed(1100, 5500, 1.2),
            "permanent-resident" => random.Skewed(60, 3000, 1.6),
            _ => random.Skewed(45, 1500, 1.4),
        };

        return new HouseholdProfile
        {
            PrimaryApplicant = primary,
            Spouse = spouse,
            Children = children,
            Contact = NewContact(random, primary, source),
            Languages = languages,
            ImmigrationStatusCode = status,
            ArrivalDate = openedOn.AddDays(-(int)arrivalDays),
            PreferredRegionCodes = PreferredRegions(random),
            NeedCodes = Needs(random, primary, spouse, children.Count, status),
        };
    }

    private static Person NewAdult(Random random, Origin origin, bool woman, DateOnly openedOn, int age, string? lastName)
    {
        var employment = random.Weighted(EmploymentStatuses, e => e.Weight).Status;
        var occupation = employment switch
        {
            EmploymentStatus.Student => random.Pick(DemoVocabulary.StudentOccupations),
            EmploymentStatus.NotInLabourForce or EmploymentStatus.Unknown when random.Chance(0.6) => default,
            _ when random.Chance(0.08) => default,
            _ => random.Pick(DemoVocabulary.Occupations),
        };
        return new Person
        {
            FirstName = random.Pick(woman ? origin.Women : origin.Men),
            LastName = lastName ?? random.Pick(origin.LastNames),
            BirthDate = openedOn.AddYears(-age).AddDays(-random.Between(0, 364)),
            EmploymentStatus = employment,
            Occupation = occupation == default ? null : woman ? occupation.Woman : occupation.Man,
            FrenchLevel = random.Pick(origin.FrenchLevels),
        };
    }

    private static ChildCare CareAt(Random random, DateOnly birthDate, DateOnly day)
    {
        var years = (day.DayNumber - birthDate.DayNumber) / 365.25;
        return years switch
        {
            < 1 => ChildCare.None,
            < 5 => random.Chance(0.75) ? ChildCare.Daycare : ChildCare.None,
            < 12 => ChildCare.ElementarySchool,
            < 17 => ChildCare.SecondarySchool,
            _ => ChildCare.Other,
        };
    }

    private ContactInfo NewContact(Random random, Person primary, RegistrationSource source)
    {
        string? email = null;
        if (source == RegistrationSource.Website || random.Chance(0.85))
        {
            // A few households share an address or a number with the one before (relatives, a shared phone).
            email = _previousEmail is not null && random.Chance(0.003) ? _previousEmail : NewEmail(random, primary);
            _previousEmail = email;
        }

        string? phone = null;
        if (random.Chance(0.96))
        {
            phone = _previousPhone is not null && random.Chance(0.004) ? _previousPhone : NewPhone(random);
            _previousPhone = phone;
        }

        var borough = random.Weighted(DemoVocabulary.Boroughs, b => b.Weight);
        var city = borough.Borough is "Côte-Saint-Luc" or "Dollard-Des Ormeaux" ? borough.Borough : "Montréal";
        var apartment = random.Chance(0.65) ? string.Create(CultureInfo.InvariantCulture, $", app. {random.Between(1, 24)}") : "";
        const string letters = "ABCEGHJKLMNPRSTVWXYZ";
        var postalCode = string.Create(
            CultureInfo.InvariantCulture,
            $"{random.Pick(borough.PostalAreas)} {random.Between(1, 9)}{letters[random.Next(letters.Length)]}{random.Between(0, 9)}");
        return new ContactInfo
        {
            Email = email,
            Phone = phone,
            Address = string.Create(
                CultureInfo.InvariantCulture,
                $"{random.Between(100, 9999)}, {random.Pick(borough.Streets)}{apartment}, {city} (Québec) {postalCode}"),
            Borough = borough.Borough,
        };
    }

    /// <summary>Addresses on the reserved example domains: a demo can never write to a real person.</summary>
    private string NewEmail(Random random, Person person)
    {
        var first = DemoRandom.Ascii(person.FirstName) is { Length: > 0 } f ? f : "contact";
        var last = DemoRandom.Ascii(person.LastName).Replace("-", "", StringComparison.Ordinal) is { Length: > 0 } l ? l : "menage";
        var local = random.Next(5) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first}{last}",
            2 => $"{first[0]}{last}",
            3 => $"{last}.{first}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{first}_{last}{random.Between(1, 99)}"),
        };
        var domain = random.Pick(DemoVocabulary.EmailDomains);
        var email = $"{local}@{domain}";
        while (!_emails.Add(email))
        {
            email = string.Create(CultureInfo.InvariantCulture, $"{local}{random.Between(2, 9999)}@{domain}");
        }

        return email;
    }

    private string NewPhone(Random random)
    {
        string digits;
        var tries = 0;
        do
        {
            var area = random.Weighted(AreaCodes, a => a.Weight).AreaCode;
            var exchange = random.Between(201, 999);
            if (exchange == 555 || exchange % 100 == 11)
            {
                continue;
            }

            digits = string.Create(CultureInfo.InvariantCulture, $"{area}{exchange}{random.Between(0, 9999):D4}");
            if (_phones.Add(digits) || ++tries > 20)
            {
                break;
            }
        }
        while (true);

        // Written as people type them; the domain stores "514 123-4567".
        return random.Next(3) switch
        {
            0 => $"{digits[..3]}-{digits[3..6]}-{digits[6..]}",
            1 => $"({digits[..3]}) {digits[3..6]}-{digits[6..]}",
            _ => $"{digits[..3]} {digits[3..6]} {digits[6..]}",
        };
    }

    private List<string> PreferredRegions(Random random)
    {
        var count = WeightedIndex(random, PreferredRegionCounts) + 1;
        var remaining = _hostRegions.ToList();
        var codes = new List<string>();
        while (codes.Count < count && remaining.Count > 0)
        {
            var pick = random.Weighted(remaining, r => r.Weight);
            remaining.Remove(pick);
            codes.Add(pick.Region.Code);
        }

        return codes;
    }

    private List<string> Needs(Random random, Person primary, Person? spouse, int childCount, string status)
    {
        var weights = new Dictionary<string, double>
        {
            ["employment"] = 0.9,
            ["spouse-employment"] = spouse is not null && spouse.EmploymentStatus != EmploymentStatus.Employed ? 0.6 : 0,
            ["credentials"] = 0.3,
            ["francisation"] = primary.FrenchLevel is FrenchLevel.None or FrenchLevel.Beginner ? 0.8 : 0.08,
            ["housing"] = 0.7,
            ["daycare-school"] = childCount > 0 ? 0.6 : 0,
            ["transportation"] = 0.25,
            ["health"] = 0.08,
            ["immigration-status"] = status is "permanent-resident" or "citizen" ? 0.02 : 0.45,
            ["finances"] = 0.3,
            ["social-network"] = 0.25,
            ["business"] = 0.05,
        };
        var needs = _references.NeedCodes.Where(code => random.Chance(weights.GetValueOrDefault(code, 0.1))).ToList();
        if (needs.Count == 0)
        {
            needs.Add(_references.NeedCodes.Contains("employment") ? "employment" : random.Pick(_references.NeedCodes));
        }

        while (needs.Count > 5)
        {
            needs.RemoveAt(random.Next(needs.Count));
        }

        return needs;
    }

    private static int WeightedIndex(Random random, double[] weights) =>
        random.Weighted(Enumerable.Range(0, weights.Length).ToArray(), i => weights[i]);

    private sealed record Move(TransitionKind Kind, Stage? Target = null, string? Reason = null, DateOnly? ReviewOn = null);

    private sealed class Step(DateOnly day, Action<ActionContext> apply)
    {
        public DateOnly Day { get; set; } = day;
        public DateTimeOffset At { get; set; }
        public Action<ActionContext> Apply { get; } = apply;
    }

    /// <summary>The dated life of one file, from its first contact to where its plan says it stands today.</summary>
    private sealed class FileTimeline(DemoHouseholdBuilder builder, Random random, Household household, DemoPlan plan, Actor counsellor)
    {
        private readonly List<Step> _steps = [];
        private readonly DateOnly _openedOn = ProgramCalendar.DayOf(plan.OpenedAt);

        public required string FirstName { get; init; }
        public required Region Region { get; init; }
        public required string Municipality { get; init; }
        public List<JournalEntry> Journal { get; } = [];

        private DateOnly Today => builder._today;
        private DateOnly LastDay => builder._lastDay;

        public void Plan()
        {
            switch (plan.Outcome)
            {
                case DemoOutcome.Active:
                    PlanActive();
                    break;
                case DemoOutcome.OnHold:
                    PlanOnHold();
                    break;
                case DemoOutcome.Withdrawn:
                case DemoOutcome.ClosedAfterWithdrawal:
                    PlanWithdrawal(closed: plan.Outcome == DemoOutcome.ClosedAfterWithdrawal);
                    break;
                case DemoOutcome.Settled:
                case DemoOutcome.ClosedAfterSettlement:
                    PlanSettlement(closed: plan.Outcome == DemoOutcome.ClosedAfterSettlement);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(plan), plan.Outcome, null);
            }
        }

        /// <summary>Dates every step (office hours, weekdays where it can) and applies them in order through the domain.</summary>
        public void Apply()
        {
            for (var i = 0; i < _steps.Count; i++)
            {
                var day = _steps[i].Day;
                var weekday = day.DayOfWeek switch
                {
                    DayOfWeek.Saturday => day.AddDays(-1),
                    DayOfWeek.Sunday => day.AddDays(1),
                    _ => day,
                };
                if (weekday >= _openedOn && weekday <= LastDay)
                {
                    day = weekday;
                }

                _steps[i].Day = i > 0 && day < _steps[i - 1].Day ? _steps[i - 1].Day : day;
            }

            var previous = plan.OpenedAt;
            for (var i = 0; i < _steps.Count; i++)
            {
                var step = _steps[i];
                DateTimeOffset at;
                if (i > 0 && step.Day == _steps[i - 1].Day)
                {
                    at = previous.AddMinutes(random.Between(4, 45));
                }
                else
                {
                    at = step.Day == _openedOn
                        ? plan.OpenedAt.AddMinutes(random.Between(5, 60))
                        : ProgramCalendar.At(step.Day, new TimeOnly(8, 30).AddMinutes(random.Between(0, 390)));
                }

                step.At = at > previous ? at : previous.AddMinutes(random.Between(5, 30));
                previous = step.At;
            }

            var limit = builder._now;
            for (var i = _steps.Count - 1; i >= 0; i--)
            {
                if (_steps[i].At > limit)
                {
                    _steps[i].At = limit;
                }

                limit = _steps[i].At.AddSeconds(-1);
            }

            foreach (var step in _steps)
            {
                step.Apply(new ActionContext(counsellor, step.At, ProgramCalendar.DayOf(step.At)));
            }
        }

        private void PlanActive()
        {
            var ageDays = LastDay.DayNumber - _openedOn.DayNumber + 1;
            if (FirstContactDay() is not { } first || (plan.Stage == Stage.Outreach && ageDays <= 10 && random.Chance(0.45)))
            {
                return; // A new registration nobody has called yet.
            }

            var moves = PathTo(plan.Stage, allowPause: true);
            var longestSilence = Today.DayNumber - first.DayNumber - (20 * moves.Count) - 10;
            var end = longestSilence >= 32 && random.Chance(StaleShare)
                ? Today.AddDays(-random.Between(32, Math.Min(150, longestSilence)))
                : LastDay.AddDays(-(int)random.Skewed(0, 28.99, 1.5));
            Walk(first, Max(end, first), moves);
        }

        private void PlanOnHold()
        {
            var first = FirstContactDay() ?? _openedOn;
            var moves = PathTo(plan.Stage, allowPause: false);
            var heldOn = Today.AddDays(-random.Between(1, 60));
            if (heldOn.DayNumber - first.DayNumber < 14 * moves.Count)
            {
                heldOn = LastDay;
            }

            heldOn = Max(heldOn, first);
            Walk(first, heldOn, moves, ("Appel : le ménage demande de suspendre ses démarches pour quelque temps.", ContactChannel.Phone));
            AddMove(heldOn, new Move(TransitionKind.Hold, Reason: random.Pick(DemoVocabulary.HoldReasons), ReviewOn: Today.AddDays(random.Between(14, 120))));
        }

        private void PlanWithdrawal(bool closed)
        {
            var first = FirstContactDay() ?? _openedOn;
            var latest = Max(first, closed ? LastDay.AddDays(-30) : LastDay);
            var withdrawnOn = first.AddDays((int)random.Skewed(13, Math.Max(14, latest.DayNumber - first.DayNumber), 1.3));
            withdrawnOn = Min(Max(withdrawnOn, first), latest);
            var reason = random.Weighted(
                builder._references.WithdrawalReasonCodes,
                code => DemoVocabulary.WithdrawalReasons.TryGetValue(code, out var known) ? known.Weight : 0.02);
            var comment = DemoVocabulary.WithdrawalReasons.TryGetValue(reason, out var text) ? text.Comment : null;
            // How it ends: silence then attempts to reach them, a pause that never resumed, or a call.
            var unreachable = reason == "unreachable";
            var paused = !unreachable && (reason == "postponed" || random.Chance(0.12));
            var walkEnd = unreachable ? Max(first, withdrawnOn.AddDays(-random.Between(45, 120)))
                : paused ? Max(first, withdrawnOn.AddDays(-random.Between(30, 120)))
                : withdrawnOn;
            var stage = random.Weighted(WithdrawalStages, s => s.Weight).Stage;
            var reachable = (Stage)Math.Clamp(1 + ((walkEnd.DayNumber - first.DayNumber) / 25), 1, 5);
            var moves = PathTo(stage < reachable ? stage : reachable, allowPause: false);

            if (unreachable)
            {
                Walk(first, walkEnd, moves);
                var attempt = walkEnd.AddDays(random.Between(14, 30));
                foreach (var note in DemoVocabulary.UnreachableNotes)
                {
                    if (attempt >= withdrawnOn)
                    {
                        break;
                    }

                    AddNote(attempt, note);
                    attempt = attempt.AddDays(random.Between(7, 20));
                }
            }
            else if (paused)
            {
                Walk(first, walkEnd, moves, ("Appel : le ménage demande de suspendre ses démarches pour quelque temps.", ContactChannel.Phone));
                AddMove(walkEnd, new Move(TransitionKind.Hold, Reason: random.Pick(DemoVocabulary.HoldReasons)));
                AddContact(withdrawnOn, ("Appel de révision : le ménage ne poursuivra pas ses démarches de régionalisation.", ContactChannel.Phone));
            }
            else
            {
                Walk(first, withdrawnOn, moves, ("Appel : le ménage annonce qu'il se retire du programme.", ContactChannel.Phone));
            }

            AddStep(withdrawnOn, context => household.Withdraw(reason, comment, context));
            if (closed)
            {
                var closedOn = Min(LastDay, withdrawnOn.AddDays(random.Between(30, 180)));
                AddStep(closedOn, context => household.Close("Dossier fermé après le désistement : aucune démarche en cours.", context));
            }
        }

        private void PlanSettlement(bool closed)
        {
            var first = FirstContactDay() ?? _openedOn;
            var latest = Max(first, closed ? LastDay.AddDays(-120) : LastDay);
            var settledDay = _openedOn.AddDays(180 + (int)random.Skewed(0, Math.Max(0, latest.DayNumber - _openedOn.DayNumber - 180), 0.8));
            settledDay = Min(Max(settledDay, first), latest);
            var moves = PathTo(random.Chance(0.8) ? Stage.MovingSubsidy : Stage.ExploratoryStay, allowPause: true);
            var lastMove = Walk(first, settledDay, moves, ("Appel : le ménage confirme son installation à {municipalite}.", ContactChannel.Phone));
            var settledOn = Max(lastMove, settledDay.AddDays(-random.Between(0, 14)));
            var isHost = Region.IsHostRegion;
            AddStep(settledDay, context =>
                household.Settle(Region.Code, isHost, Municipality, settledOn > context.Today ? context.Today : settledOn, context));

            var closedOn = closed ? Min(LastDay, settledDay.AddDays(random.Between(180, 400))) : (DateOnly?)null;
            foreach (var days in FollowUpDays)
            {
                var followUp = settledDay.AddDays(days + random.Between(-7, 7));
                if (followUp < (closedOn ?? Today))
                {
                    AddContact(followUp, (random.Pick(DemoVocabulary.SettledFollowUps), ContactChannel.Phone));
                }
            }

            if (closedOn is { } day)
            {
                AddStep(day, context => household.Close("Suivi post-établissement terminé.", context));
            }
        }

        /// <summary>The moves from Outreach to <paramref name="target"/>: a few skip a stage, go back, or pause on the way.</summary>
        private List<Move> PathTo(Stage target, bool allowPause)
        {
            var moves = new List<Move>();
            var skip = target >= Stage.ExploratoryStay && random.Chance(0.07);
            var goBack = target >= Stage.InfoSession && random.Chance(0.04);
            var stage = Stage.Outreach;
            while (stage < target)
            {
                if (skip && stage == Stage.PersonalizedPlan)
                {
                    moves.Add(new Move(TransitionKind.Skip, Stage.ExploratoryStay,
                        Fill("A déjà participé à une séance d'information sur la région ({region}) avec le partenaire régional.")));
                    stage = Stage.ExploratoryStay;
                    continue;
                }

                stage = stage.Next() ?? target;
                moves.Add(new Move(TransitionKind.Advance, stage));
                if (goBack && stage == Stage.InfoSession)
                {
                    moves.Add(new Move(TransitionKind.GoBack, Stage.PersonalizedPlan, "Changement de région visée : le plan d'accompagnement est à revoir."));
                    moves.Add(new Move(TransitionKind.Advance, Stage.InfoSession));
                    goBack = false;
                }
            }

            if (allowPause && random.Chance(0.06))
            {
                var at = random.Between(0, moves.Count);
                moves.Insert(at, new Move(TransitionKind.Reactivate, Reason: "Le ménage est de nouveau disponible pour poursuivre ses démarches."));
                moves.Insert(at, new Move(TransitionKind.Hold, Reason: random.Pick(DemoVocabulary.HoldReasons)));
            }

            return moves;
        }

        /// <summary>
        /// Spreads <paramref name="moves"/> between the first contact and <paramref name="end"/>, with a
        /// contact before each move, follow-ups every few weeks and a last contact on <paramref name="end"/>.
        /// Returns the day of the last move.
        /// </summary>
        private DateOnly Walk(DateOnly first, DateOnly end, List<Move> moves, (string Text, ContactChannel Channel)? lastContact = null)
        {
            AddContact(first, random.Pick(DemoVocabulary.FirstContacts));
            var stage = Stage.Outreach;
            var span = end.DayNumber - first.DayNumber;
            var gaps = new double[moves.Count + 1];
            for (var i = 0; i < moves.Count; i++)
            {
                gaps[i] = 0.6 + (random.NextDouble() * 0.8);
            }

            gaps[^1] = moves.Count == 0 ? 1 : 0.2 + (random.NextDouble() * 0.8);
            var total = gaps.Sum();
            var cumulative = 0.0;
            var previous = first;
            for (var i = 0; i < moves.Count; i++)
            {
                cumulative += gaps[i];
                var day = Max(previous, first.AddDays((int)Math.Round(span * cumulative / total)));
                FollowUps(previous, day, stage);
                var move = moves[i];
                AddContact(day, move.Kind switch
                {
                    TransitionKind.Hold => ("Appel : le ménage demande de suspendre ses démarches pour quelque temps.", ContactChannel.Phone),
                    TransitionKind.Reactivate => ("Appel : le ménage est prêt à reprendre ses démarches.", ContactChannel.Phone),
                    TransitionKind.GoBack => ("Rencontre : le ménage envisage une autre région, le plan est à revoir.", ContactChannel.InPerson),
                    _ => random.Pick(DemoVocabulary.StageContacts[(int)stage - 1]),
                });
                AddMove(day, move);
                stage = move.Target ?? stage;
                previous = day;
            }

            FollowUps(previous, end, stage);
            if (lastContact is { } last)
            {
                AddContact(end, last);
            }
            else if (end > previous)
            {
                AddContact(end, random.Chance(0.6) ? random.Pick(DemoVocabulary.StageContacts[(int)stage - 1]) : random.Pick(DemoVocabulary.GeneralContacts));
            }

            return previous;
        }

        private void FollowUps(DateOnly from, DateOnly until, Stage stage)
        {
            for (var day = from.AddDays(random.Between(18, 50)); day < until; day = day.AddDays(random.Between(18, 50)))
            {
                AddContact(day, random.Chance(0.5) ? random.Pick(DemoVocabulary.StageContacts[(int)stage - 1]) : random.Pick(DemoVocabulary.GeneralContacts));
                if (random.Chance(0.25))
                {
                    AddNote(day, random.Pick(DemoVocabulary.Notes));
                }
            }
        }

        /// <summary>A website registration is called back within a week; others start with the person in front of the counsellor.</summary>
        private DateOnly? FirstContactDay()
        {
            var day = plan.Source == RegistrationSource.Website ? _openedOn.AddDays(random.Between(1, 7)) : _openedOn;
            return day <= LastDay ? day : null;
        }

        private void AddMove(DateOnly day, Move move) => AddStep(day, context =>
        {
            switch (move.Kind)
            {
                case TransitionKind.Advance:
                    household.AdvanceTo(move.Target!.Value, context, PlanAgreed);
                    break;
                case TransitionKind.Skip:
                    household.SkipTo(move.Target!.Value, move.Reason!, context, PlanAgreed);
                    break;
                case TransitionKind.GoBack:
                    household.GoBackTo(move.Target!.Value, move.Reason!, context);
                    break;
                case TransitionKind.Hold:
                    household.PutOnHold(move.ReviewOn ?? context.Today.AddDays(random.Between(14, 90)), move.Reason!, context);
                    break;
                case TransitionKind.Reactivate:
                    household.Reactivate(move.Reason, context);
                    break;
                case TransitionKind.Opened:
                case TransitionKind.Withdraw:
                case TransitionKind.Settle:
                case TransitionKind.Close:
                default:
                    throw new ArgumentOutOfRangeException(nameof(move), move.Kind, null);
            }
        });

        private void AddContact(DateOnly day, (string Text, ContactChannel Channel) contact)
        {
            var text = Fill(contact.Text);
            AddStep(day, context => Journal.Add(household.RecordContact(contact.Channel, context.Now, context.Today, text, context)));
        }

        private void AddNote(DateOnly day, string note)
        {
            var text = Fill(note);
            AddStep(day, context => Journal.Add(household.AddNote(text, context)));
        }

        private void AddStep(DateOnly day, Action<ActionContext> apply) => _steps.Add(new Step(day, apply));

        private string Fill(string template) => template
            .Replace("{region}", Region.NameFr, StringComparison.Ordinal)
            .Replace("{municipalite}", Municipality, StringComparison.Ordinal)
            .Replace("{prenom}", FirstName, StringComparison.Ordinal);

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }
}
