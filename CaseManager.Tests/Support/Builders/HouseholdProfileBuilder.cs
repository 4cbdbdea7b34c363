using CaseManager.Domain.Households;

namespace CaseManager.Tests.Support.Builders;

/// <summary>
/// A valid household profile by default (a primary applicant with a name, nothing else), which a
/// test changes only where it matters to it.
/// </summary>
public sealed class HouseholdProfileBuilder
{
    private readonly HouseholdProfile _profile = new()
    {
        PrimaryApplicant = new Person
        {
            FirstName = "Amina",
            LastName = "Diallo",
            BirthDate = new DateOnly(1988, 5, 14),
        },
        Languages = ["fr"],
        ArrivalDate = new DateOnly(2023, 9, 1),
    };

    public HouseholdProfileBuilder WithPrimaryApplicant(string firstName, string lastName, DateOnly? birthDate = null)
    {
        _profile.PrimaryApplicant.FirstName = firstName;
        _profile.PrimaryApplicant.LastName = lastName;
        _profile.PrimaryApplicant.BirthDate = birthDate;
        return this;
    }

    public HouseholdProfileBuilder WithSpouse(string firstName = "Karim", string lastName = "Benali", DateOnly? birthDate = null)
    {
        _profile.Spouse = new Person { FirstName = firstName, LastName = lastName, BirthDate = birthDate };
        return this;
    }

    /// <summary>Adds a child; <see cref="Guid.Empty"/> (the default) means a child the file does not know yet.</summary>
    public HouseholdProfileBuilder WithChild(string firstName, DateOnly birthDate, ChildCare care = ChildCare.None, Guid id = default)
    {
        _profile.Children.Add(new Child { Id = id, FirstName = firstName, BirthDate = birthDate, Care = care });
        return this;
    }

    public HouseholdProfileBuilder WithEmail(string? email)
    {
        _profile.Contact.Email = email;
        return this;
    }

    public HouseholdProfileBuilder WithPhone(string? phone)
    {
        _profile.Contact.Phone = phone;
        return this;
    }

    public HouseholdProfileBuilder WithArrivalDate(DateOnly? arrivalDate)
    {
        _profile.ArrivalDate = arrivalDate;
        return this;
    }

    public HouseholdProfileBuilder WithNeeds(params string[] needCodes)
    {
        _profile.NeedCodes = [.. needCodes];
        return this;
    }

    public HouseholdProfileBuilder WithPreferredRegions(params string[] regionCodes)
    {
        _profile.PreferredRegionCodes = [.. regionCodes];
        return this;
    }

    public HouseholdProfileBuilder With(Action<HouseholdProfile> change)
    {
        change(_profile);
        return this;
    }

    /// <summary>A fresh copy each time, so one builder can feed several households.</summary>
    public HouseholdProfile Build() => new()
    {
        PrimaryApplicant = _profile.PrimaryApplicant.Copy(),
        Spouse = _profile.Spouse?.Copy(),
        Children = _profile.Children.Select(c => c.Copy()).ToList(),
        Contact = _profile.Contact.Copy(),
        Languages = [.. _profile.Languages],
        ImmigrationStatusCode = _profile.ImmigrationStatusCode,
        ArrivalDate = _profile.ArrivalDate,
        PreferredRegionCodes = [.. _profile.PreferredRegionCodes],
        NeedCodes = [.. _profile.NeedCodes],
    };
}
