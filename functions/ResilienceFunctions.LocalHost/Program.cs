using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Resilience.Method.Demo;
using Resilience.Storage;
using ResilienceFunctions;
using ResilienceFunctions.Functions;
using ResilienceFunctions.LocalHost;

// Commands: (none) | run [--seed-demo]   host the function app locally
//           upload <dataset> <file>...   copy files into indicators/<dataset>/
//           generate-demo <directory>    write the demo data set as CSV files
const string Usage = "Commands: run [--seed-demo] [--Key=value configuration...] | upload <dataset> <file>... | generate-demo <dir>";
if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
{
    Console.WriteLine(Usage);
    return 0;
}
var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "run";
switch (command)
{
    case "upload":
        return await Commands.UploadAsync(args.Skip(1).ToArray());
    case "generate-demo":
        return Commands.GenerateDemo(args.Skip(1).ToArray());
    case "run":
        await RunHostAsync(args.Where(a => a != "run").ToArray());
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. {Usage}");
        return 2;
}

static async Task RunHostAsync(string[] args)
{
    var seedDemo = args.Contains("--seed-demo");
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args.Where(a => a != "--seed-demo").ToArray(),
        ContentRootPath = AppContext.BaseDirectory, // appsettings.json beside the binaries, wherever it is started from
    });
    builder.WebHost.UseUrls(builder.Configuration["LocalHost:Urls"] ?? "http://127.0.0.1:7071");
    builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
    builder.Logging.AddFilter("Host.Triggers", LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

    var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
    var functions = FunctionIndex.Load(typeof(IngestIndicatorFile).Assembly);
    foreach (var function in functions)
    {
        FunctionInvoker.Validate(function);
        if (function.Kind is TriggerKind.Blob or TriggerKind.Queue && !WebJobsTriggers.Adapted.Contains(function.Name))
            throw new InvalidOperationException($"Function {function.Name} has a {function.Kind} trigger but no adapter in {nameof(WebJobsTriggers)}.");
    }

    builder.Services.AddSingleton(functions);
    builder.Services.AddSingleton<FunctionInvoker>();
    builder.Services.AddSingleton<TriggerDispatcher>();
    builder.Services.AddSingleton(builder.Configuration.GetSection("Keys").Get<KeyOptions>() ?? new KeyOptions());
    builder.Services.AddResilienceFunctions(builder.Configuration);
    builder.Services.AddMvcCore();
    builder.Services.AddHostedService<TimerTriggerService>();
    // Browser dashboards: origins allowed by configuration (Cors:AllowedOrigins:0, ...), as the platform's CORS list in Azure.
    var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
    builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins)
        .WithMethods("GET", "POST").WithHeaders("x-functions-key", "if-none-match", "content-type")
        .WithExposedHeaders("ETag", ResilienceFunctions.Functions.ApiResponder.VersionHeader)));
    if (seedDemo) builder.Services.AddHostedService<DemoSeeder>();

    builder.Host.ConfigureWebJobs(webJobs =>
    {
        webJobs.UseHostId("resilience-localhost");
        webJobs.AddAzureStorageCoreServices();
        webJobs.AddAzureStorageBlobs(o =>
        {
            o.MaxDegreeOfParallelism = hostJson.BlobParallelism;
            o.PoisonBlobThreshold = hostJson.PoisonBlobThreshold;
        });
        webJobs.AddAzureStorageQueues(o =>
        {
            o.MaxPollingInterval = hostJson.QueueMaxPollingInterval;
            o.VisibilityTimeout = hostJson.QueueVisibilityTimeout;
            o.MaxDequeueCount = hostJson.QueueMaxDequeueCount;
            o.BatchSize = hostJson.QueueBatchSize;
        });
    });
    builder.Services.Replace(ServiceDescriptor.Singleton<INameResolver>(new TriggerNameResolver(functions, builder.Configuration)));

    var app = builder.Build();
    app.UseCors();
    HttpRoutes.Map(app, functions, hostJson.RoutePrefix);
    app.MapGet("/healthz", () => Results.Text("ok"));
    app.Logger.LogInformation("Local host: {Count} functions ({Http} HTTP under /{Prefix}); storage from AzureWebJobsStorage",
        functions.Count, functions.Count(f => f.Kind == TriggerKind.Http), hostJson.RoutePrefix);
    await app.RunAsync();
}

static class Commands
{
    public static async Task<int> UploadAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: upload <dataset> <file>...   (storage from the AzureWebJobsStorage environment variable)");
            return 2;
        }
        var connection = Environment.GetEnvironmentVariable(StorageOptions.ConnectionSetting);
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine($"Set {StorageOptions.ConnectionSetting} to the storage connection string.");
            return 2;
        }
        var dataset = args[0];
        if (!DatasetName.IsValid(dataset))
        {
            Console.Error.WriteLine($"'{dataset}' is not a dataset name ({DatasetName.Rule}).");
            return 2;
        }
        var container = new BlobServiceClient(connection).GetBlobContainerClient(new StorageOptions().IndicatorsContainer);
        await container.CreateIfNotExistsAsync();
        foreach (var path in args.Skip(1))
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file");
                return 1;
            }
            var blob = container.GetBlobClient($"{dataset}/{Path.GetFileName(path)}");
            await blob.UploadAsync(path, overwrite: true);
            Console.WriteLine($"uploaded {path} -> {container.Name}/{blob.Name} ({new FileInfo(path).Length:N0} bytes)");
        }
        return 0;
    }

    public static int GenerateDemo(string[] args)
    {
        var directory = args.FirstOrDefault() ?? "demo-data";
        DemoDataGenerator.WriteTo(directory);
        Console.WriteLine($"wrote the demo data set to {Path.GetFullPath(directory)}");
        return 0;
    }
}
