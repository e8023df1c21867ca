using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Insights;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Operations;
using OpenAeo.Portal;
using OpenAeo.Registry;
using OpenAeo.TimeRelease;

var (hostArgs, commandArgs) = CommandLine.Split(args);
var builder = OpenAeoHost.CreateBuilder(hostArgs);
CommandLine.KeepStandardOutputForResults(builder, commandArgs);
builder.AddOpenAeoTelemetry();

builder
    .Services.AddOpenAeoPlatform()
    .AddRegistry()
    .AddCertification()
    .AddMutualRecognition()
    .AddClearance()
    .AddTimeRelease()
    .AddInsights()
    .AddPortal();

var app = builder.Build();

var endpoints = app.UseOpenAeoPlatform();
endpoints.MapRegistry();
endpoints.MapCertification();
endpoints.MapMutualRecognition();
endpoints.MapClearance();
endpoints.MapPortal();
endpoints.MapTimeRelease();
endpoints.MapInsights();
app.MapPages();

return await CommandLine.RunAsync(
    app,
    commandArgs,
    [
        PlatformCommands.Add,
        RegistryCommands.Add,
        CertificationCommands.Add,
        MutualRecognitionCommands.Add,
        ClearanceCommands.Add,
        TimeReleaseCommands.Add,
        InsightsModule.AddCommands,
    ]
);

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
