using CaseManager.Web.Features.HouseholdSpace;
using CaseManager.Web.Hosting;
using CaseManager.Web.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>The household reminders' settings (validated at start), services and jobs.</summary>
public static class HouseholdRemindersRegistration
{
    public static WebApplicationBuilder AddHouseholdReminders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var developerDefaults = CaseManagerOptions.UsesDeveloperDefaults(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddOptions<TextMessageOptions>()
            .Bind(builder.Configuration.GetSection(TextMessageOptions.Section))
            .Configure(o =>
            {
                // Development and demo mode: the local fake of the provider that scripts/run.sh starts.
                if (developerDefaults && !o.Enabled && string.IsNullOrWhiteSpace(o.AuthToken))
                {
                    o.AccountSid = TextMessageOptions.DeveloperAccountSid;
                    o.AuthToken = TextMessageOptions.DeveloperAuthToken;
                    o.From ??= TextMessageOptions.DeveloperFrom;
                    o.ApiBaseUrl ??= TextMessageOptions.DeveloperApiBaseUrl;
                }

                o.ApiBaseUrl ??= TextMessageOptions.ProviderApiBaseUrl;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TextMessageOptions>>(new TextMessageOptionsValidator());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TextMessageOptions>>().Value);
        services.AddSingleton<TwilioTextMessages>();
        services.AddScoped<HouseholdTextMessages>();
        services.AddScoped<TextMessageOptOuts>();
        services.AddScoped<HouseholdReminderSettingsService>();
        services.AddTransient<HouseholdReminderSweepJob>();
        services.AddTransient<HouseholdReminderDeliveryJob>();
        services.AddTransient<TextMessageSenderJob>();
        return builder;
    }

    /// <summary>Reports every problem of the section at once, each naming its setting.</summary>
    private sealed class TextMessageOptionsValidator : IValidateOptions<TextMessageOptions>
    {
        public ValidateOptionsResult Validate(string? name, TextMessageOptions options)
        {
            var failures = TextMessageOptions.Validate(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
