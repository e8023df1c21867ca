using OpenAeo.MutualRecognition;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

internal static class CertificationModule
{
    public static IServiceCollection AddCertification(this IServiceCollection services)
    {
        services.AddSingleton<IStartupTask, CertificationStartup>();
        services.AddSingleton<IDemoSeeder, CertificationDemoSeeder>();
        services.AddSingleton<IDemoSeeder, AgencyCertificationDemoSeeder>();
        services.AddSingleton<IDemoSeeder, EcommerceDemoSeeder>();
        services.AddHostedService<CertificationJobsService>();
        services.AddSingleton<IOperatorRenamed, ReassessOnRename>();
        services.AddScoped<CriterionGuides>();
        services.AddSingleton<IOwnStatuses, CertificateStatuses>();

        // Recognition and the status checks keep what they read of certificates in memory (ADR 0068).
        services.AddLocallyCachedKinds(typeof(Domain.Certification.Certificate), typeof(Domain.Certification.CertificateEvent));
        return services;
    }

    public static IEndpointRouteBuilder MapCertification(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Certification");
        StartApplication.Map(api);
        ListApplications.Map(api);
        ListApplicationQueue.Map(api);
        GetApplication.Map(api);
        MoveApplication.Map(api);
        SaveAnswer.Map(api);
        UploadEvidence.Map(api);
        DownloadEvidence.Map(api);
        GetApplicationReadiness.Map(api);
        ListQuestions.Map(api);
        ListContractors.Map(api);
        RequestInformation.Map(api);
        AnswerInformationRequest.Map(api);
        PlanValidationVisit.Map(api);
        ReportValidationVisit.Map(api);
        RecognisePartnerVisit.Map(api);
        GrantApplication.Map(api);
        RejectApplication.Map(api);
        AssignAccountManager.Map(api);
        NotifyIntentToReject.Map(api);
        RespondToNotice.Map(api);
        ApproveDecision.Map(api);
        FileImprovementAction.Map(api);
        CompleteImprovementAction.Map(api);
        AcceptImprovementAction.Map(api);
        ReopenImprovementAction.Map(api);
        NotifyIntentToRevoke.Map(api);
        RespondToRevocationNotice.Map(api);
        WithdrawRevocationNotice.Map(api);
        RevokeCertificate.Map(api);
        ApproveRevocation.Map(api);
        ListCertificates.Map(api);
        GetCertificate.Map(api);
        SuspendCertificate.Map(api);
        ReinstateCertificate.Map(api);
        RenewCertificate.Map(api);
        CreateSupplyChain.Map(api);
        ListSupplyChains.Map(api);
        GetSupplyChain.Map(api);
        AddSupplyChainMember.Map(api);
        RemoveSupplyChainMember.Map(api);
        ListCriteriaPacks.Map(api);
        GetCriteriaPack.Map(api);
        AddCriteriaPackVersion.Map(api);
        ListRejectionReasons.Map(api);
        AddRejectionReason.Map(api);
        SetAgencyCriteria.Map(api);
        SignOffAgencyPart.Map(api);
        ListApplicationAgencySignOffs.Map(api);
        ListAgencySignOffs.Map(api);
        Notifications.Map(api);
        GetMonitoring.Map(api);
        SubmitSelfReview.Map(api);
        OpenReassessment.Map(api);
        RecordSelfReviewOutcome.Map(api);
        RecordReassessmentOutcome.Map(api);
        ListMonitoring.Map(api);
        ListMerchants.Map(api);
        LinkMerchant.Map(api);
        UnlinkMerchant.Map(api);
        return endpoints;
    }

    /// <summary>Shipped criteria packs and rejection reasons, loaded when missing.</summary>
    private sealed class CertificationStartup : IStartupTask
    {
        public bool ServeOnly => false;

        public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
            CriteriaPacks.Seed(services.GetRequiredService<OpenAeoDb>(), services.GetRequiredService<TimeProvider>(), ct);
    }
}
