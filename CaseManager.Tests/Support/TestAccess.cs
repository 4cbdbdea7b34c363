using CaseManager.Data;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Support;

/// <summary>The real access policy for a service under test, resolving <paramref name="current"/> from the test database.</summary>
public static class TestAccess
{
    public static AccessPolicy Policy(IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser current, TimeProvider? time = null) =>
        new(contexts, current, new AppClock(time ?? TimeProvider.System), NullLogger<AccessPolicy>.Instance);
}
