namespace CaseManager.Web.Infrastructure;

/// <summary>
/// One value the person typed, beside the value saved meanwhile by someone else
/// (<see cref="Current"/>: null where the change has no counterpart, e.g. a task being added).
/// <see cref="Reapply"/> puts the typed value back into the form (null: the edit is reapplied whole).
/// </summary>
public sealed record ConflictValue(string Label, string? Yours, string? Current, Action? Reapply = null);

/// <summary>
/// One field of an edited model that a conflict compares and can copy back: its label, how it reads
/// (as the person sees it) and how it is copied from the typed copy into the current one.
/// </summary>
public sealed record ConflictField<T>(string Label, Func<T, string?> Show, Action<T, T> CopyInto);

public static class ConflictField
{
    /// <summary>A field read by <paramref name="get"/> and written by <paramref name="set"/> (<paramref name="clone"/> copies lists).</summary>
    public static ConflictField<T> Of<T, TValue>(string label, Func<T, TValue> get, Action<T, TValue> set, Func<TValue, string?> show, Func<TValue, TValue>? clone = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(show);
        return new(label, model => show(get(model)), (typed, current) => set(current, clone is null ? get(typed) : clone(get(typed))));
    }
}

/// <summary>
/// What the person typed when someone else saved first (<see cref="ConcurrencyConflictException"/>):
/// the editor reloads the current version, keeps the typed values here and shows them beside it
/// (<c>ConflictNotice</c>), so they can be reapplied one by one or all at once instead of being lost.
/// Both run as events of <see cref="Editor"/>, the component that owns the form, which then shows the result.
/// </summary>
public sealed class EditConflict(object editor, IReadOnlyList<ConflictValue> values, Func<Task> reapplyAll)
{
    /// <summary>The component that owns the form (it renders again after a reapply).</summary>
    public object Editor { get; } = editor;

    public IReadOnlyList<ConflictValue> Values { get; } = values;

    /// <summary>Reapplies the whole edit over the current version (into the form, or saved again: the editor decides).</summary>
    public Func<Task> ReapplyAll { get; } = reapplyAll;

    /// <summary>
    /// The fields the person changed (typed differs from what they had loaded) that the current
    /// version does not already hold; each reapplies into <paramref name="current"/>, the form's model
    /// now. Null when nothing typed is lost (the other change touched other fields only).
    /// </summary>
    public static EditConflict? Compare<T>(object editor, T loaded, T typed, T current, IEnumerable<ConflictField<T>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var values = fields
            .Where(f => !string.Equals(f.Show(typed), f.Show(loaded), StringComparison.Ordinal)
                        && !string.Equals(f.Show(typed), f.Show(current), StringComparison.Ordinal))
            .Select(f => new ConflictValue(f.Label, f.Show(typed), f.Show(current), () => f.CopyInto(typed, current)))
            .ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return new EditConflict(editor, values, () =>
        {
            foreach (var value in values)
            {
                value.Reapply!();
            }

            return Task.CompletedTask;
        });
    }
}
