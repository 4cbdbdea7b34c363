using CaseManager.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>OpenTelemetry is exported over OTLP only when an endpoint is configured.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task AddCaseManagerTelemetry_WithoutAnEndpoint_RegistersNoExporterAndNoProvider()
    {
        var builder = Builder([]);

        builder.AddCaseManagerTelemetry();

        Assert.DoesNotContain(builder.Services, IsOtlpExporter);
        await using var app = builder.Build();
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.NotNull(app.Services.GetService<CaseManagerMetrics>());
    }

    [Theory]
    [InlineData("OpenTelemetry:Otlp:Endpoint")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public async Task AddCaseManagerTelemetry_WithAnEndpoint_ExportsTracesAndMetricsOverOtlp(string key)
    {
        var builder = Builder(new() { [key] = "http://127.0.0.1:4317" });

        builder.AddCaseManagerTelemetry();

        Assert.Contains(builder.Services, IsOtlpExporter);
        await using var app = builder.Build();
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void OtlpEndpoint_NotAnHttpAddress_StopsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = "collector:4317",
        }).Build();

        var exception = Assert.Throws<InvalidOperationException>(() => Telemetry.OtlpEndpoint(configuration));

        Assert.Contains("OpenTelemetry:Otlp:Endpoint", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, OpenTelemetry.Exporter.OtlpExportProtocol.Grpc)]
    [InlineData("grpc", OpenTelemetry.Exporter.OtlpExportProtocol.Grpc)]
    [InlineData("http/protobuf", OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf)]
    public void OtlpProtocol_Setting_ChoosesTheTransport(string? value, OpenTelemetry.Exporter.OtlpExportProtocol expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Protocol"] = value,
        }).Build();

        Assert.Equal(expected, Telemetry.OtlpProtocol(configuration));
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(null, true, false)]
    [InlineData("json", true, true)]
    [InlineData("plain", false, false)]
    public void UseJson_FormatAndEnvironment_ChoosesTheConsoleFormatter(string? format, bool development, bool expected) =>
        Assert.Equal(expected, ConsoleLogs.UseJson(format, development));

    private static bool IsOtlpExporter(ServiceDescriptor descriptor) =>
        new[] { descriptor.ServiceType, descriptor.ImplementationType }
            .Any(type => type?.Assembly.GetName().Name == "OpenTelemetry.Exporter.OpenTelemetryProtocol"
                || type?.GenericTypeArguments.Any(a => a.Assembly.GetName().Name == "OpenTelemetry.Exporter.OpenTelemetryProtocol") == true);

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
