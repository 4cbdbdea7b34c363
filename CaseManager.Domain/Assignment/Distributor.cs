using CaseManager.Domain.Common;

namespace CaseManager.Domain.Assignment;

/// <summary>
/// A counsellor as the distribution sees them: their open files, their capacity (full-time
/// equivalent, e.g. 1.0 or 0.6, in hundredths here so every comparison is exact) and the
/// languages they speak. Counsellors who are away are not candidates at all: leave them out.
/// </summary>
public sealed record CounsellorLoad(string CounsellorId, int OrganizationId, decimal Capacity, int OpenFiles, IReadOnlyCollection<string> Languages)
{
    /// <summary>The capacity in hundredths of a full-time equivalent (0.6 → 60).</summary>
    public long Weight => (long)decimal.Round(Capacity * 100m, 0, MidpointRounding.AwayFromZero);
}

/// <summary>Who receives the file, and why.</summary>
public sealed record DistributionChoice(
    string CounsellorId,
    int OrganizationId,
    AssignmentReason Reason,
    int LoadBefore,
    decimal Capacity,
    int Candidates,
    string? MatchedLanguage);

/// <summary>
/// The equitable distribution of new files: a pure, deterministic choice among the available
/// counsellors.
/// <para>
/// <b>Weighted share.</b> Let the available counsellors have capacities c₁…cₙ (FTE, C = Σcᵢ) and
/// open files a₁…aₙ, and let N = Σaᵢ be the files they hold together. Counsellor i's weighted share
/// is sᵢ = N·cᵢ/C. <b>Fairness bound:</b> every counsellor holds within one file of their share,
/// |aᵢ − sᵢ| &lt; 1, that is ⌊sᵢ⌋ ≤ aᵢ ≤ ⌈sᵢ⌉.
/// </para>
/// <para>
/// <b>Balanced choice</b> (Balinski and Young's quota method, on Jefferson's divisors): with the
/// new file counted (N + 1), the candidates are the counsellors still under their share,
/// aᵢ &lt; (N + 1)·cᵢ/C (there is always one, since Σ(N + 1)·cᵢ/C = N + 1 &gt; Σaᵢ); among them the
/// one with the smallest (aᵢ + 1)/cᵢ receives the file; ties go to the larger capacity, then to
/// the smaller counsellor id (ordinal), so the same loads always give the same choice. Started
/// within the bound (for example from nothing) and left alone, this keeps every counsellor within
/// the bound after every file, whatever the number of files: the method satisfies quota and is
/// house-monotone. The domain tests (DistributorTests) prove it over 1,000 files in a row.
/// </para>
/// <para>
/// <b>Language.</b> If a candidate shares a language with the household, the best-placed such
/// candidate receives the file instead, but only when the balance allows it: the balanced choices
/// that would follow (<see cref="LookAhead"/> files at least) must stay within the bound (or, when the
/// loads are already outside it, be no further from it than without the language preference).
/// </para>
/// </summary>
public static class Distributor
{
    /// <summary>The fewest future files checked before a language preference is accepted.</summary>
    public const int LookAhead = 40;

    /// <summary>Chooses who receives a new file. <paramref name="householdLanguages"/> may be empty.</summary>
    public static DistributionChoice Choose(IReadOnlyList<CounsellorLoad> counsellors, IReadOnlyCollection<string> householdLanguages)
    {
        ArgumentNullException.ThrowIfNull(counsellors);
        ArgumentNullException.ThrowIfNull(householdLanguages);
        var available = counsellors.Where(c => c.Weight > 0).ToList();
        if (available.Count == 0)
        {
            throw new DomainRuleException("Distribution.NoCounsellorAvailable");
        }

        var weights = available.Select(c => c.Weight).ToArray();
        var loads = available.Select(c => (long)c.OpenFiles).ToArray();
        var ids = available.Select(c => c.CounsellorId).ToArray();
        var balanced = BalancedIndex(loads, weights, ids);

        var wanted = householdLanguages.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim().ToLowerInvariant()).ToHashSet();
        if (wanted.Count > 0)
        {
            var order = Candidates(loads, weights).OrderBy(i => i, new PriorityComparer(loads, weights, ids)).ToList();
            foreach (var index in order)
            {
                var shared = available[index].Languages.Select(l => l.ToLowerInvariant()).FirstOrDefault(wanted.Contains);
                if (shared is null)
                {
                    continue;
                }

                if (index == balanced)
                {
                    return ChoiceOf(available[index], AssignmentReason.LanguageMatch, available.Count, shared);
                }

                if (BalanceAllows(loads, weights, ids, index, balanced))
                {
                    return ChoiceOf(available[index], AssignmentReason.LanguageMatch, available.Count, shared);
                }
            }
        }

        return ChoiceOf(available[balanced], AssignmentReason.AutoBalanced, available.Count, null);
    }

    /// <summary>
    /// How far the loads are from the bound, in the units the comparisons use: the largest
    /// |aᵢ·C − N·cᵢ| (capacities in hundredths). The loads are within the bound when it is below C.
    /// </summary>
    public static long Discrepancy(IReadOnlyList<long> loads, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(weights);
        var total = loads.Sum();
        var capacity = weights.Sum();
        long worst = 0;
        for (var i = 0; i < loads.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(loads[i] * capacity - total * weights[i]));
        }

        return worst;
    }

    /// <summary>Whether every counsellor holds within one file of their weighted share (|aᵢ − sᵢ| &lt; 1).</summary>
    public static bool WithinBound(IReadOnlyList<CounsellorLoad> counsellors)
    {
        ArgumentNullException.ThrowIfNull(counsellors);
        var available = counsellors.Where(c => c.Weight > 0).ToList();
        var weights = available.Select(c => c.Weight).ToArray();
        return Discrepancy(available.Select(c => (long)c.OpenFiles).ToArray(), weights) < weights.Sum();
    }

    /// <summary>The weighted share sᵢ = N·cᵢ/C of each counsellor, in the order given.</summary>
    public static IReadOnlyList<decimal> Shares(IReadOnlyList<CounsellorLoad> counsellors)
    {
        ArgumentNullException.ThrowIfNull(counsellors);
        var capacity = counsellors.Where(c => c.Weight > 0).Sum(c => c.Weight);
        var total = counsellors.Where(c => c.Weight > 0).Sum(c => (long)c.OpenFiles);
        return counsellors.Select(c => c.Weight > 0 && capacity > 0 ? (decimal)total * c.Weight / capacity : 0m).ToList();
    }

    private static DistributionChoice ChoiceOf(CounsellorLoad counsellor, AssignmentReason reason, int candidates, string? language) =>
        new(counsellor.CounsellorId, counsellor.OrganizationId, reason, counsellor.OpenFiles, counsellor.Capacity, candidates, language);

    /// <summary>Counsellors still under their share once the new file is counted: aᵢ·C &lt; (N + 1)·cᵢ.</summary>
    private static IEnumerable<int> Candidates(long[] loads, long[] weights)
    {
        var next = loads.Sum() + 1;
        var capacity = weights.Sum();
        for (var i = 0; i < loads.Length; i++)
        {
            if (loads[i] * capacity < next * weights[i])
            {
                yield return i;
            }
        }
    }

    private static int BalancedIndex(long[] loads, long[] weights, string[] ids)
    {
        var comparer = new PriorityComparer(loads, weights, ids);
        var best = -1;
        foreach (var i in Candidates(loads, weights))
        {
            if (best < 0 || comparer.Compare(i, best) < 0)
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether giving the file to <paramref name="preferred"/> rather than <paramref name="balanced"/>
    /// keeps the balanced choices that follow within the bound (or no further from it).
    /// </summary>
    private static bool BalanceAllows(long[] loads, long[] weights, string[] ids, int preferred, int balanced)
    {
        var capacity = weights.Sum();
        var horizon = Math.Max(LookAhead, 4 * loads.Length);
        var withPreference = WorstAhead(loads, weights, ids, preferred, horizon);
        if (withPreference < capacity)
        {
            return true;
        }

        return withPreference <= WorstAhead(loads, weights, ids, balanced, horizon);
    }

    private static long WorstAhead(long[] loads, long[] weights, string[] ids, int first, int horizon)
    {
        var simulated = (long[])loads.Clone();
        simulated[first]++;
        var worst = Discrepancy(simulated, weights);
        for (var step = 0; step < horizon; step++)
        {
            simulated[BalancedIndex(simulated, weights, ids)]++;
            worst = Math.Max(worst, Discrepancy(simulated, weights));
        }

        return worst;
    }

    /// <summary>Smallest (aᵢ + 1)/cᵢ first, then the larger capacity, then the smaller id.</summary>
    private sealed class PriorityComparer(long[] loads, long[] weights, string[] ids) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            // (aₓ + 1)/cₓ against (a_y + 1)/c_y, cross-multiplied to stay exact.
            var byLoad = ((loads[x] + 1) * weights[y]).CompareTo((loads[y] + 1) * weights[x]);
            if (byLoad != 0)
            {
                return byLoad;
            }

            var byCapacity = weights[y].CompareTo(weights[x]);
            return byCapacity != 0 ? byCapacity : string.CompareOrdinal(ids[x], ids[y]);
        }
    }
}
