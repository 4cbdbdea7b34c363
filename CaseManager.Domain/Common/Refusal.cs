namespace CaseManager.Domain.Common;

/// <summary>
/// Why a rule refused something. <see cref="Code"/> is a stable key the interface translates
/// (for example "Workflow.ContactRequired"); <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed record Refusal(string Code, params object[] Arguments)
{
    public override string ToString() =>
        Arguments.Length == 0 ? Code : $"{Code}({string.Join(", ", Arguments)})";
}

/// <summary>A rule of the domain was broken; nothing was changed.</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(IReadOnlyList<Refusal> refusals)
        : base(string.Join("; ", refusals))
    {
        if (refusals.Count == 0)
        {
            throw new ArgumentException("A refusal needs at least one reason.", nameof(refusals));
        }

        Refusals = refusals;
    }

    public DomainRuleException(string code, params object[] arguments)
        : this([new Refusal(code, arguments)])
    {
    }

    public IReadOnlyList<Refusal> Refusals { get; }
}
