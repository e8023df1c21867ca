using OpenAeo.Platform;

namespace OpenAeo.MutualRecognition;

internal static class MutualRecognitionModule
{
    public static IServiceCollection AddMutualRecognition(this IServiceCollection services)
    {
        services.AddSingleton<IStartupTask, SeedMras>();
        services.AddSingleton<IStartupTask, ProtectPlainPartnerKeys>();
        services.AddSingleton<IStartupTask, NodeKeyStartup>();
        services.AddSingleton<IStartupTask, NodeKeyGuard>();
        services.AddSingleton<PartnerKeys>();
        services.AddSingleton<Platform.Cli.IDemoSeeder, PartnerDemoSeeder>();
        services.AddSingleton<NodeIdentity>();
        services
            .AddHealthChecks()
            .AddCheck<NodeKeyReady>("node-key", tags: [Platform.Operations.Health.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        services.AddSingleton<Platform.Operations.IGaugeReading, StatusLogSizeReading>();
        services.AddSingleton<Platform.Operations.IGaugeReading, ReplicationLagReading>();
        services.AddSingleton<PublicationMark>();
        services.AddSingleton<LogSoundness>();
        services.AddSingleton<LocalWrites>();
        services.AddSingleton<ExchangeCache>();

        // Recognition per TIN in memory (ADR 0068): rare kinds move the shared stamp, frequent ones only this process's
        // generation and are kept for Caching:KeptSeconds; Certification adds its certificates.
        services.AddSingleton<RecognitionCache>();
        services.AddCachedKinds(RecognitionCache.Kinds);
        services.AddLocallyCachedKinds(RecognitionCache.LocalKinds);

        // The exchange's status cache must know when this process writes (ADR 0010); both provider contexts report it.
        services.ConfigureDbContext<SqliteOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<LocalWrites>()));
        services.ConfigureDbContext<PostgresOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<LocalWrites>()));
        services.AddSingleton<PartnerReplicator>();
        services.AddSingleton<PublicStatusLimiter>();
        services.AddTransient<DemoPartnerNodes>();
        services
            .AddHttpClient(PartnerReplicator.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .AddHttpMessageHandler<DemoPartnerNodes>();
        services.AddHostedService<PublisherService>();
        services.AddHostedService<ReplicationService>();
        services.AddHostedService<LogVerifierService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMutualRecognition(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("MutualRecognition");
        ListMras.Map(api);
        GetMra.Map(api);
        AddMra.Map(api);
        UpdateMra.Map(api);
        ListPartners.Map(api);
        RegisterPartner.Map(api);
        PullPartner.Map(api);
        ChangePartner.Map(api);
        RetirePartner.Map(api);
        RecogniseOperator.Map(api);
        CheckPublicStatus.Map(api);
        ExchangeApi.Map(endpoints);
        MraNetwork.Map(endpoints);
        return endpoints;
    }
}
