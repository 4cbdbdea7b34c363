namespace CaseManager.Data.Migrations;

/// <summary>The SQL of <c>cm_unaccent</c>, the accent- and case-folding the searches rely on.</summary>
internal static class UnaccentFunction
{
    public const string Create = """
        CREATE OR REPLACE FUNCTION public.cm_unaccent(value text)
        RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
        """;

    public const string Drop = "DROP FUNCTION IF EXISTS public.cm_unaccent(text);";
}
