using CaseManager.Web.Infrastructure;

namespace CaseManager.Web.Access;

/// <summary>
/// What the pages offer the person, read from the same rules the services enforce (a page that
/// shows a button the service would refuse is a bug). Ask <see cref="Can"/>, or a named shortcut.
/// </summary>
public sealed record Permissions(UserIdentity Person)
{
    public static Permissions None { get; } = new(UserIdentity.Anonymous);

    public bool Can(Operation operation) => AccessRules.Allows(Person, operation);

    public bool WorksOnFiles => Can(Operation.WorkOnFiles);

    public bool SeesEveryFile => Can(Operation.SeeEveryFile);

    public bool AssignsFiles => Can(Operation.AssignFiles);
}
