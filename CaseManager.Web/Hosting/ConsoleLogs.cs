namespace CaseManager.Web.Hosting;

/// <summary>
/// Console logs: one JSON object a line with a UTC timestamp outside Development (what a log
/// collector reads), plain text in Development. <c>ConsoleLogs:Format</c> = <c>json</c> or
/// <c>plain</c> forces either.
/// </summary>
public static class ConsoleLogs
{
    public const string FormatKey = "ConsoleLogs:Format";

    public static WebApplicationBuilder AddCaseManagerConsoleLogs(this WebApplicationBuilder builder)
    {
        var json = UseJson(builder.Configuration[FormatKey], builder.Environment.IsDevelopment());
        // The console provider is already there (the host's defaults): this picks its formatter.
        if (json)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.IncludeScopes = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        }

        return builder;
    }

    /// <summary>JSON unless told plain, or in Development unless told json.</summary>
    internal static bool UseJson(string? format, bool development) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" => !development,
        "JSON" => true,
        "PLAIN" or "SIMPLE" => false,
        _ => throw new InvalidOperationException($"{FormatKey} must be 'json' or 'plain', not '{format}'."),
    };
}
