using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Files;

/// <summary>What an operation needs the file to be, beside the person being allowed to open it.</summary>
public enum FileNeed
{
    /// <summary>Any file the person may open (reading, or a rule the domain judges itself).</summary>
    Readable,

    /// <summary>A file that is not read-only (<see cref="FileRules.IsReadOnly"/>).</summary>
    Writable,

    /// <summary>An active file (<see cref="FileRules.TakesPart"/>): sessions, stays, a subsidy.</summary>
    TakingPart,
}

/// <summary>One operation on one household's file, as <see cref="FileRunner"/> runs it.</summary>
/// <param name="HouseholdId">The file.</param>
/// <param name="Source">Where the person acts from, written to the access log ("plan", "session-register"…).</param>
public sealed record FileCommand(Guid HouseholdId, string Source)
{
    /// <summary>The operation of the access policy the person needs (beyond being allowed to open this file).</summary>
    public Operation Operation { get; init; } = Operation.WorkOnFiles;

    public FileNeed Needs { get; init; } = FileNeed.Writable;

    /// <summary>The refusal's code when <see cref="FileNeed.TakingPart"/> is not met.</summary>
    public string NotTakingPartRefusal { get; init; } = "Workflow.FileNotActive";

    /// <summary>Runs the operation in one transaction (it locks, or saves more than once).</summary>
    public bool InTransaction { get; init; }

    /// <summary>A read is written to the access log with this action (null: not logged, e.g. a count).</summary>
    public AccessAction? LogAs { get; init; } = AccessAction.Viewed;
}

/// <summary>What an operation works with: its unit of work, the file, who acts and when.</summary>
public sealed class FileWork
{
    private readonly Func<Guid, CancellationToken, Task<Household>> _openOther;

    internal FileWork(
        CaseManagerDbContext db, FileHead file, UserIdentity person, ActionContext context, Func<Guid, CancellationToken, Task<Household>> openOther)
    {
        Db = db;
        File = file;
        Person = person;
        Context = context;
        _openOther = openOther;
    }

    /// <summary>The operation's own unit of work; what it saves is audited as <see cref="Context"/>'s actor.</summary>
    public CaseManagerDbContext Db { get; }

    public FileHead File { get; }

    public UserIdentity Person { get; }

    public ActionContext Context { get; }

    /// <summary>
    /// The version of <paramref name="entity"/> the person saw (null: the change overwrites nothing
    /// anyone else wrote). Refused now if someone saved since; if someone saves between this read and
    /// the write, PostgreSQL's xmin refuses the save. Either way the person is told of a conflict.
    /// </summary>
    public void Saw<TEntity>(TEntity entity, uint? seen)
        where TEntity : class
    {
        if (seen is not { } version)
        {
            return;
        }

        var property = Db.Entry(entity).Property<uint>("Version");
        if (property.CurrentValue != version)
        {
            throw new ConcurrencyConflictException();
        }

        property.OriginalValue = version;
    }

    /// <summary>
    /// A second file the same operation changes (a merge of duplicates): loaded tracked with its
    /// history, opened under the same rules as the first (missing, refused and logged likewise).
    /// </summary>
    public Task<Household> OpenHouseholdAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _openOther(householdId, cancellationToken);

    /// <summary>A change to one of the entity's parts (its own table) still writes its row, so its version moves.</summary>
    public void Touch<TEntity>(TEntity entity)
        where TEntity : class => Db.Entry(entity).Property("UpdatedAt").IsModified = true;
}

/// <summary>
/// The one way to run an operation on a household's file: the person resolved and allowed by the
/// access policy, the file loaded (missing: <see cref="NotFoundException"/>), opened only by whom the
/// policy lets (a refusal is logged and thrown), the file's own rules (read-only when closed, only an
/// active file takes part), then the operation on its own unit of work, saved with its audit, a
/// concurrent save turned into <see cref="ConcurrencyConflictException"/>. Reads are written to the
/// access log; changes are in the audit. What it throws (refused, missing, conflict, a domain
/// refusal) is what the pages and endpoints already tell the person.
/// </summary>
public sealed class FileRunner(IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock)
{
    /// <summary>Reads from a file the person may open; the reading is logged.</summary>
    public async Task<T> ReadAsync<T>(FileCommand command, Func<FileWork, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var work = await OpenAsync(db, command with { Needs = FileNeed.Readable }, HeadAsync, cancellationToken);
        var result = await read(work);
        await LogReadAsync(command, work, cancellationToken);
        return result;
    }

    /// <summary>Reads the household aggregate itself (with its stage history, not tracked); the reading is logged.</summary>
    public async Task<T> ReadHouseholdAsync<T>(FileCommand command, Func<FileWork, Household, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Household? household = null;
        var work = await OpenAsync(db, command with { Needs = FileNeed.Readable }, async (query, id, ct) =>
        {
            household = await query.AsNoTracking().Include(h => h.History).AsSplitQuery().SingleOrDefaultAsync(h => h.Id == id, ct);
            return household?.Head;
        }, cancellationToken);
        var result = await read(work, household!);
        await LogReadAsync(command, work, cancellationToken);
        return result;
    }

    /// <summary>Changes a file's parts (its plan, its registrations, its follow-ups…), read through its head.</summary>
    public async Task<T> RunAsync<T>(FileCommand command, Func<FileWork, Task<T>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var work = await OpenAsync(db, command, HeadAsync, cancellationToken);
        return await SaveAsync(db, command, () => change(work), cancellationToken);
    }

    public Task RunAsync(FileCommand command, Func<FileWork, Task> change, CancellationToken cancellationToken = default) =>
        RunAsync(command, async work =>
        {
            await change(work);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Changes the household aggregate itself (tracked, with its stage history), based on the
    /// <paramref name="version"/> of the file the person saw.
    /// </summary>
    public async Task<T> ChangeHouseholdAsync<T>(
        FileCommand command, uint? version, Func<FileWork, Household, Task<T>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Household? household = null;
        var work = await OpenAsync(db, command, async (query, id, ct) =>
        {
            household = await query.Include(h => h.History).AsSplitQuery().SingleOrDefaultAsync(h => h.Id == id, ct);
            return household?.Head;
        }, cancellationToken);
        work.Saw(household!, version);
        return await SaveAsync(db, command, async () =>
        {
            var result = await change(work, household!);
            work.Touch(household!);
            return result;
        }, cancellationToken);
    }

    public Task ChangeHouseholdAsync(
        FileCommand command, uint? version, Func<FileWork, Household, Task> change, CancellationToken cancellationToken = default) =>
        ChangeHouseholdAsync(command, version, async (work, household) =>
        {
            await change(work, household);
            return true;
        }, cancellationToken);

    private async Task LogReadAsync(FileCommand command, FileWork work, CancellationToken cancellationToken)
    {
        if (command.LogAs is { } action)
        {
            await access.LogFileAsync(command.HouseholdId, work.Person, action, command.Source, cancellationToken);
        }
    }

    /// <summary>The file's head in one statement: what the rules of a file read.</summary>
    public static IQueryable<FileHead> Heads(IQueryable<Household> households) =>
        households.Select(h => new FileHead(
            h.Id, h.FileNumber, h.AssignedCounsellorId, h.Stage, h.Status, FileRules.SizeOf(h.Spouse != null, h.Children.Count)));

    private static Task<FileHead?> HeadAsync(IQueryable<Household> households, Guid id, CancellationToken cancellationToken) =>
        Heads(households.AsNoTracking().Where(h => h.Id == id)).SingleOrDefaultAsync(cancellationToken);

    private async Task<FileWork> OpenAsync(
        CaseManagerDbContext db,
        FileCommand command,
        Func<IQueryable<Household>, Guid, CancellationToken, Task<FileHead?>> load,
        CancellationToken cancellationToken)
    {
        var person = await access.DemandAsync(command.Operation, cancellationToken);
        var file = await load(db.Households, command.HouseholdId, cancellationToken)
            ?? throw new NotFoundException($"Household {command.HouseholdId} does not exist.");
        await access.DemandFileAsync(file.Id, file.AssignedCounsellorId, person, command.Source, cancellationToken);
        switch (command.Needs)
        {
            case FileNeed.Writable:
                file.EnsureWritable();
                break;
            case FileNeed.TakingPart:
                file.EnsureTakesPart(command.NotTakingPartRefusal);
                break;
            case FileNeed.Readable:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Needs, null);
        }

        var context = clock.ContextFor(person.Actor);
        return new FileWork(db.ActingAs(context), file, person, context, async (otherId, ct) =>
        {
            var other = await db.Households.Include(h => h.History).AsSplitQuery().SingleOrDefaultAsync(h => h.Id == otherId, ct)
                ?? throw new NotFoundException($"Household {otherId} does not exist.");
            await access.DemandFileAsync(other.Id, other.AssignedCounsellorId, person, command.Source, ct);
            return other;
        });
    }

    private static async Task<T> SaveAsync<T>(CaseManagerDbContext db, FileCommand command, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await using var transaction = command.InTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var result = await change();
        await db.SaveOrConflictAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }
}
