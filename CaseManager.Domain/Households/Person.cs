namespace CaseManager.Domain.Households;

public enum FrenchLevel
{
    Unknown,
    None,
    Beginner,
    Intermediate,
    Advanced,
    Fluent,
}

public enum EmploymentStatus
{
    Unknown,
    Employed,
    SelfEmployed,
    JobSeeker,
    Student,
    NotInLabourForce,
}

public enum ChildCare
{
    None,
    Daycare,
    ElementarySchool,
    SecondarySchool,
    Other,
}

public enum RegistrationSource
{
    Website,
    Manual,
    Phone,
    Referral,
    Event,
    Api,
}

/// <summary>An adult of the household: the primary applicant or the spouse.</summary>
public sealed class Person
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Occupation { get; set; }
    public EmploymentStatus EmploymentStatus { get; set; }
    public FrenchLevel FrenchLevel { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    public Person Copy() => (Person)MemberwiseClone();
}

public sealed class Child
{
    public Guid Id { get; set; }
    public string FirstName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public ChildCare Care { get; set; }

    public Child Copy() => (Child)MemberwiseClone();
}

public sealed class ContactInfo
{
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }

    /// <summary>Montréal borough or municipality of the island, e.g. "Côte-des-Neiges–Notre-Dame-de-Grâce".</summary>
    public string? Borough { get; set; }

    public ContactInfo Copy() => (ContactInfo)MemberwiseClone();
}

public sealed class Settlement
{
    public string RegionCode { get; set; } = "";
    public string Municipality { get; set; } = "";
    public DateOnly SettledOn { get; set; }
}
