namespace CaseManager.Data.Migrations;

/// <summary>
/// Keeps <c>stage_stays</c> in step with <c>stage_transitions</c>: after each statement that adds
/// moves (one save, one bulk copy), the stays of the files concerned are recomputed from their
/// whole history, so the order in which rows arrive never matters. A stay starts with a move that
/// sets a stage (opening, advance, skip, going back) and ends at the next such move or at the
/// settlement; holds, withdrawals, reactivations and closing do not end it.
/// </summary>
internal static class StageStaysTrigger
{
    private const string Recompute = """
        INSERT INTO stage_stays (entered_transition_id, household_id, stage, entered_by, entered_at, left_by, left_at)
        SELECT id, household_id, to_stage, kind, occurred_at, next_kind, next_at
        FROM (
            SELECT t.id, t.household_id, t.to_stage, t.kind, t.occurred_at,
                   lead(t.kind) OVER w AS next_kind,
                   lead(t.occurred_at) OVER w AS next_at
            FROM stage_transitions t
            WHERE t.kind IN ('Opened', 'Advance', 'Skip', 'GoBack', 'Settle') {0}
            WINDOW w AS (PARTITION BY t.household_id ORDER BY t.occurred_at, t.id)
        ) moves
        WHERE kind <> 'Settle';
        """;

    public static readonly string Create = $"""
        CREATE FUNCTION cm_refresh_stage_stays() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM stage_stays s USING (SELECT DISTINCT household_id FROM added) a WHERE s.household_id = a.household_id;
            {string.Format(System.Globalization.CultureInfo.InvariantCulture, Recompute, "AND t.household_id IN (SELECT household_id FROM added)")}
            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER stage_transitions_refresh_stage_stays
            AFTER INSERT ON stage_transitions
            REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION cm_refresh_stage_stays();

        {string.Format(System.Globalization.CultureInfo.InvariantCulture, Recompute, "")}
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS stage_transitions_refresh_stage_stays ON stage_transitions;
        DROP FUNCTION IF EXISTS cm_refresh_stage_stays();
        """;
}
