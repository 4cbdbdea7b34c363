namespace CaseManager.Web.Hosting;

/// <summary>What an operator runs the application with: headers, health, telemetry, logs.</summary>
public static class Operations
{
    public static WebApplicationBuilder AddCaseManagerOperations(this WebApplicationBuilder builder)
    {
        builder.AddCaseManagerConsoleLogs();
        builder.AddCaseManagerSecurityHeaders();
        builder.AddCaseManagerTelemetry();
        builder.Services.AddCaseManagerHealth();
        return builder;
    }
}
