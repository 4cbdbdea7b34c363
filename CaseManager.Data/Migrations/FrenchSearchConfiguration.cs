namespace CaseManager.Data.Migrations;

/// <summary>
/// <c>cm_french</c>, the text search configuration of the resource directory: PostgreSQL's French
/// configuration with <c>unaccent</c> before the French stemmer for every kind of word, so
/// "ecole", "École" and "ÉCOLES" are one lexeme ("ecol"). French stop words (le, la, de, pour…)
/// are dropped by the stemmer as in <c>french</c>.
/// </summary>
internal static class FrenchSearchConfiguration
{
    public const string Create = """
        DROP TEXT SEARCH CONFIGURATION IF EXISTS public.cm_french;
        CREATE TEXT SEARCH CONFIGURATION public.cm_french (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION public.cm_french
            ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
            WITH public.unaccent, pg_catalog.french_stem;
        """;

    public const string Drop = "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.cm_french;";
}
