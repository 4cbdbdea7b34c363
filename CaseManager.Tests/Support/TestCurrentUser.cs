using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Support;

/// <summary>The person a service test acts as; change <see cref="User"/> to act as someone else.</summary>
public sealed class TestCurrentUser(UserIdentity user) : ICurrentUser
{
    public UserIdentity User { get; set; } = user;

    public Task<UserIdentity> GetAsync() => Task.FromResult(User);
}
