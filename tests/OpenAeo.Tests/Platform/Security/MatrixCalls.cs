using OpenAeo.Tests.Certification;
using OpenAeo.Tests.Clearance;
using static OpenAeo.Tests.Platform.Security.MatrixWorld;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>One well-formed request: the concrete path and its body (JSON, CSV or a form).</summary>
internal sealed record MatrixCall(string Path, HttpContent? Content = null)
{
    public static MatrixCall Json(string path, object body) => new(path, JsonContent.Create(body));

    public static MatrixCall Csv(string path, string csv) => new(path, new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static MatrixCall File(string path, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return new(path, form);
    }
}

/// <summary>
/// For every route of the OpenAPI document, how to call it well: real identifiers of the matrix's data and a valid
/// body, so that a missing check would show as a success (a malformed request could hide it behind a 400). Calls that
/// change state first make the resource they act on, so each cell starts from the same situation.
/// </summary>
internal static class MatrixCalls
{
    private static readonly Dictionary<string, Func<MatrixWorld, Caller, Task<MatrixCall>>> Calls = new()
    {
        // Registry
        ["GET /api/v1/economies"] = Path("/api/v1/economies"),
        ["POST /api/v1/economies"] = (w, _) =>
            Body(
                "/api/v1/economies",
                new
                {
                    code = $"Q{(char)('A' + (w.Next() % 26))}",
                    name = "Matrix economy",
                    reason = "matrix",
                }
            ),
        ["GET /api/v1/programmes"] = Path("/api/v1/programmes?economy=TW"),
        ["GET /api/v1/programmes/{code}"] = Path("/api/v1/programmes/TW"),
        ["PUT /api/v1/programmes/{code}"] = (_, _) =>
            Body("/api/v1/programmes/TW", new { notes = "Checked by the authorization matrix.", reason = "matrix" }),
        ["GET /api/v1/programmes/{code}/holidays"] = Path("/api/v1/programmes/TW/holidays?year=2026"),
        ["POST /api/v1/programmes/{code}/holidays/import"] = (_, _) =>
            Task.FromResult(
                MatrixCall.Csv("/api/v1/programmes/TW/holidays/import?file=matrix.csv", "date,name\n2031-02-17,Lunar New Year\n")
            ),
        ["GET /api/v1/operators/export"] = Path("/api/v1/operators/export"),
        ["POST /api/v1/operators/import"] = (w, _) =>
            Task.FromResult(
                MatrixCall.Csv("/api/v1/operators/import", $"tin,legal_name,economy,roles\nTW95{w.Next():D6},Matrix imported,TW,importer\n")
            ),
        ["GET /api/v1/operators"] = Path("/api/v1/operators?q=Matrix"),
        ["POST /api/v1/operators"] = (w, _) =>
            Body(
                "/api/v1/operators",
                new
                {
                    tin = $"TW96{w.Next():D6}",
                    legalName = "Matrix registered",
                    economy = "TW",
                    roles = new[] { "Importer" },
                }
            ),
        ["GET /api/v1/operators/{tin}"] = Path($"/api/v1/operators/{RightTin}"),
        ["GET /api/v1/operators/{tin}/merchants"] = Path($"/api/v1/operators/{RightTin}/merchants"),
        ["POST /api/v1/operators/{tin}/merchants"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/operators/{RightTin}/merchants",
                new { merchantTin = await w.Merchant(linked: false), reason = "matrix" }
            ),
        ["DELETE /api/v1/operators/{tin}/merchants/{merchantTin}"] = async (w, _) =>
            new MatrixCall($"/api/v1/operators/{RightTin}/merchants/{await w.Merchant(linked: true)}"),
        ["PUT /api/v1/operators/{tin}"] = (_, _) =>
            Body(
                $"/api/v1/operators/{RightTin}",
                new
                {
                    legalName = RightName,
                    economy = "TW",
                    roles = new[] { "Importer", "Exporter", "Manufacturer", "EcommercePlatform" },
                    employees = 40,
                    turnover = 1_000_000,
                    sector = "Machinery",
                    consentToExchange = false,
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/users"] = (w, _) =>
            Body(
                "/api/v1/users",
                new
                {
                    name = $"matrix-user-{w.Next()}",
                    role = "Analyst",
                    password = Password,
                    issueApiKey = false,
                    reason = "matrix",
                }
            ),
        ["GET /api/v1/users"] = Path("/api/v1/users"),
        ["GET /api/v1/users/{name}"] = (w, _) => Get($"/api/v1/users/{w.Names[Caller.Analyst]}"),
        // Each change acts on an account made for the call, so one caller's change does not decide the next one's.
        ["POST /api/v1/users/{name}/disable"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/users/{await w.SpareAccount()}/disable", new { reason = "matrix" }),
        ["POST /api/v1/users/{name}/enable"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/users/{await w.SpareAccount(disabled: true)}/enable", new { reason = "matrix" }),
        ["POST /api/v1/users/{name}/password"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/users/{await w.SpareAccount()}/password", new { reason = "matrix" }),
        ["POST /api/v1/users/{name}/api-key"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/users/{await w.SpareAccount()}/api-key", new { reason = "matrix" }),
        ["DELETE /api/v1/users/{name}/api-key"] = async (w, _) =>
            new MatrixCall($"/api/v1/users/{await w.SpareAccount()}/api-key?reason=matrix"),
        ["DELETE /api/v1/users/{name}/lockout"] = async (w, _) =>
            new MatrixCall($"/api/v1/users/{await w.SpareAccount()}/lockout?reason=matrix"),
        ["GET /api/v1/webhooks"] = Path("/api/v1/webhooks"),
        ["POST /api/v1/webhooks"] = (w, _) =>
            Body(
                "/api/v1/webhooks",
                new
                {
                    url = $"https://hooks.example.org/matrix-{w.Next()}",
                    eventTypes = new[] { "certificate.revoked" },
                    reason = "matrix",
                }
            ),
        ["GET /api/v1/webhooks/{id}"] = async (w, _) => new MatrixCall($"/api/v1/webhooks/{await w.SpareWebhook()}"),
        ["PUT /api/v1/webhooks/{id}"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/webhooks/{await w.SpareWebhook()}", new { active = false, reason = "matrix" }),
        ["DELETE /api/v1/webhooks/{id}"] = async (w, _) => new MatrixCall($"/api/v1/webhooks/{await w.SpareWebhook()}?reason=matrix"),
        ["GET /api/v1/webhooks/{id}/deliveries"] = async (w, _) => new MatrixCall($"/api/v1/webhooks/{await w.SpareWebhook()}/deliveries"),
        ["POST /api/v1/webhooks/deliveries/{id}/replay"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/webhooks/deliveries/{await w.SpareDelivery()}/replay", new { }),

        // Certification: applications
        ["POST /api/v1/applications"] = (_, c) =>
            Body(
                "/api/v1/applications",
                c == Caller.Trader
                    ? new { @operator = (string?)null, track = "Standard" }
                    : new { @operator = (string?)RightTin, track = "Standard" }
            ),
        ["GET /api/v1/applications"] = Path("/api/v1/applications"),
        ["GET /api/v1/applications/queue"] = Path("/api/v1/applications/queue"),
        ["GET /api/v1/applications/{id}"] = (w, _) => Get($"/api/v1/applications/{w.ApplicationId}"),
        ["POST /api/v1/applications/{id}/consultation"] = Move(w => w.Draft(), "consultation"),
        ["POST /api/v1/applications/{id}/submission"] = Move(w => w.Complete(), "submission"),
        ["POST /api/v1/applications/{id}/review"] = Move(w => w.Submitted(), "review"),
        ["POST /api/v1/applications/{id}/pause-proposal"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.InConsultation()}/pause-proposal",
                new { reason = "Moving warehouse.", resumeBy = w.Today.AddDays(30) }
            ),
        // The other side answers a proposal: the applicant one from customs, customs one from the applicant.
        ["POST /api/v1/applications/{id}/pause-proposal/acceptance"] = async (w, c) =>
            MatrixCall.Json(
                "/api/v1/applications/"
                    + $"{await w.PauseProposedBy(c == Caller.Trader ? Caller.ProgrammeOfficer : Caller.Trader)}"
                    + "/pause-proposal/acceptance",
                new { }
            ),
        ["POST /api/v1/applications/{id}/pause-proposal/refusal"] = async (w, c) =>
            MatrixCall.Json(
                "/api/v1/applications/"
                    + $"{await w.PauseProposedBy(c == Caller.Trader ? Caller.ProgrammeOfficer : Caller.Trader)}"
                    + "/pause-proposal/refusal",
                new { reason = "Not now." }
            ),
        ["POST /api/v1/applications/{id}/resumption"] = Move(w => w.Paused(), "resumption"),
        ["POST /api/v1/applications/{id}/withdrawal"] = Move(w => w.Draft(), "withdrawal"),
        ["PUT /api/v1/applications/{id}/answers/{code}"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.Draft()}/answers/COMP-1",
                new { text = "The customs manager, trained yearly." }
            ),
        ["POST /api/v1/applications/{id}/documents"] = async (w, _) =>
            MatrixCall.File($"/api/v1/applications/{await w.Draft()}/documents", "procedure.txt", "procedure\n"u8.ToArray()),
        ["GET /api/v1/applications/{id}/documents/{documentId}"] = (w, _) =>
            Get($"/api/v1/applications/{w.ApplicationId}/documents/{w.DocumentId}"),
        ["GET /api/v1/applications/{id}/readiness"] = (w, _) => Get($"/api/v1/applications/{w.ApplicationId}/readiness"),
        ["GET /api/v1/applications/{id}/questions"] = (w, _) => Get($"/api/v1/applications/{w.ApplicationId}/questions"),
        ["GET /api/v1/applications/{id}/agency-sign-offs"] = (w, _) => Get($"/api/v1/applications/{w.ApplicationId}/agency-sign-offs"),
        // The world's application is decided: the agency is let in and refused on business grounds (409).
        ["PUT /api/v1/applications/{id}/agency-sign-offs/{agency}"] = (w, _) =>
            Body(
                $"/api/v1/applications/{w.ApplicationId}/agency-sign-offs/{RightAgency}",
                new { findings = new[] { new { questionCode = "FDA-MATRIX-1", met = true } } }
            ),
        ["GET /api/v1/agency-sign-offs"] = Path("/api/v1/agency-sign-offs"),
        ["GET /api/v1/applications/{id}/contractors"] = (w, _) => Get($"/api/v1/applications/{w.ApplicationId}/contractors"),
        ["POST /api/v1/applications/{id}/information-requests"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.UnderReview()}/information-requests",
                new { question = "Send the stock reconciliation.", dueOn = w.Today.AddDays(20) }
            ),
        ["POST /api/v1/applications/{id}/information-requests/{requestId}/answer"] = async (w, _) =>
        {
            var (id, request) = await w.InformationRequested();
            return MatrixCall.Json(
                $"/api/v1/applications/{id}/information-requests/{request}/answer",
                new { answer = "Attached to the file." }
            );
        },
        ["POST /api/v1/applications/{id}/visits"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/applications/{await w.UnderReview()}/visits", new { mode = "Remote" }),
        ["POST /api/v1/applications/{id}/visits/{visitId}/report"] = async (w, _) =>
        {
            var (id, visit) = await w.VisitPlanned();
            return MatrixCall.Json(
                $"/api/v1/applications/{id}/visits/{visit}/report",
                VisitReport.CargoSecurity("Met", null, "Remote review of procedures.")
            );
        },
        ["POST /api/v1/applications/{id}/visits/partner"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.UnderReview()}/visits/partner",
                new
                {
                    partnerEconomy = PartnerEconomy,
                    reference = "JP-VISIT-1",
                    performedOn = w.Today.AddDays(-10),
                    report = "Validated by Japan Customs.",
                    partnerTin = OpenAeo.Tests.Certification.A_partner_visit_is_recognised_only_under_an_MRA_in_force.JapaneseTin,
                    certificateNumber = OpenAeo
                        .Tests
                        .Certification
                        .A_partner_visit_is_recognised_only_under_an_MRA_in_force
                        .JapaneseCertificate,
                }
            ),
        ["POST /api/v1/applications/{id}/grant"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/applications/{await w.Validated()}/grant", new { text = "Meets every criterion." }),
        ["POST /api/v1/applications/{id}/rejection"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.NoticeHeard()}/rejection",
                new { reasons = new[] { await w.RejectionReason() }, text = "Records are incomplete." }
            ),
        ["POST /api/v1/applications/{id}/notice-of-intent"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.UnderReview()}/notice-of-intent",
                new { reasons = new[] { await w.RejectionReason() }, text = "Records are incomplete." }
            ),
        ["POST /api/v1/applications/{id}/notice-of-intent/response"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.NoticeOpen()}/notice-of-intent/response",
                new { text = "The records are reconciled now." }
            ),
        ["POST /api/v1/applications/{id}/notice-of-intent/withdrawal"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/applications/{await w.NoticeOpen()}/notice-of-intent/withdrawal",
                new { reason = "The response settles it." }
            ),
        ["POST /api/v1/applications/{id}/decision/approval"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/applications/{await w.PreparedGrant()}/decision/approval", new { }),
        ["POST /api/v1/applications/{id}/decision/return"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/applications/{await w.PreparedGrant()}/decision/return", new { reason = "The tier is wrong." }),
        ["POST /api/v1/applications/{id}/improvement-actions"] = async (w, _) =>
        {
            var (id, visit) = await w.FindingToImprove();
            return MatrixCall.Json($"/api/v1/applications/{id}/improvement-actions", w.SealLogAction(visit));
        },
        ["POST /api/v1/applications/{id}/improvement-actions/{actionId}/completion"] = async (w, _) =>
        {
            var (id, action) = await w.ImprovementFiled();
            return MatrixCall.Json($"/api/v1/applications/{id}/improvement-actions/{action}/completion", new { text = "Seal log in use." });
        },
        ["POST /api/v1/applications/{id}/improvement-actions/{actionId}/acceptance"] = async (w, _) =>
        {
            var (id, action) = await w.ImprovementFiled();
            return MatrixCall.Json($"/api/v1/applications/{id}/improvement-actions/{action}/acceptance", new { });
        },
        ["POST /api/v1/applications/{id}/improvement-actions/{actionId}/reopening"] = async (w, _) =>
        {
            var (id, action) = await w.ImprovementFiled();
            return MatrixCall.Json(
                $"/api/v1/applications/{id}/improvement-actions/{action}/reopening",
                new { reason = "Name the supervisor." }
            );
        },
        ["POST /api/v1/applications/{id}/account-manager"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/applications/{await w.Draft()}/account-manager", new { userName = w.Names[Caller.Manager] }),

        // Certification: certificates, supply chains, criteria, notifications
        ["GET /api/v1/certificates"] = Path("/api/v1/certificates"),
        ["GET /api/v1/certificates/{id}"] = (w, _) => Get($"/api/v1/certificates/{w.CertificateId}"),
        ["POST /api/v1/certificates/{id}/suspension"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/certificates/{await w.Issue(RightTin)}/suspension",
                new { reason = "Audit findings.", effectiveFrom = w.Today }
            ),
        ["POST /api/v1/certificates/{id}/reinstatement"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/certificates/{await w.Issue(RightTin, suspended: true)}/reinstatement",
                new { reason = "Findings closed." }
            ),
        ["POST /api/v1/certificates/{id}/revocation"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.RevocationNotice(heard: true)}/revocation", new { reason = "Fraud." }),
        ["POST /api/v1/certificates/{id}/notice-of-intent"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.Issue(RightTin)}/notice-of-intent", new { reason = "Fraud suspected." }),
        ["POST /api/v1/certificates/{id}/notice-of-intent/response"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/certificates/{await w.RevocationNotice()}/notice-of-intent/response",
                new { text = "We contest it." }
            ),
        ["POST /api/v1/certificates/{id}/notice-of-intent/withdrawal"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/certificates/{await w.RevocationNotice()}/notice-of-intent/withdrawal",
                new { reason = "The response settles it." }
            ),
        ["POST /api/v1/certificates/{id}/revocation/approval"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.RevocationNotice(heard: true, prepared: true)}/revocation/approval", new { }),
        // Monitoring after the grant (ADR 0040): the matrix's certificates were granted a year ago, so the first self-review is due today.
        ["GET /api/v1/certificates/{id}/monitoring"] = (w, _) => Get($"/api/v1/certificates/{w.CertificateId}/monitoring"),
        ["POST /api/v1/certificates/{id}/self-reviews"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.Issue(RightTin)}/self-reviews", MonitoringBodies.NothingChanged),
        ["POST /api/v1/certificates/{id}/self-reviews/{reviewId}/outcome"] = async (w, _) =>
        {
            var (id, review) = await w.SelfReviewed();
            return MatrixCall.Json(
                $"/api/v1/certificates/{id}/self-reviews/{review}/outcome",
                new { outcome = "Confirmed", reason = "Nothing changed." }
            );
        },
        ["POST /api/v1/certificates/{id}/reassessments"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.Issue(RightTin)}/reassessments", new { reason = "Spot check." }),
        ["POST /api/v1/certificates/{id}/reassessments/{reassessmentId}/outcome"] = async (w, _) =>
        {
            var (id, reassessment) = await w.Reassessing();
            return MatrixCall.Json(
                $"/api/v1/certificates/{id}/reassessments/{reassessment}/outcome",
                new { outcome = "Confirmed", reason = "Criteria still met." }
            );
        },
        ["GET /api/v1/monitoring"] = Path("/api/v1/monitoring"),
        // A fixed-term certificate 60 days from its end: inside the 180-day renewal window.
        ["POST /api/v1/certificates/{id}/renewal"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/certificates/{await w.Issue(RightTin, validUntil: w.Today.AddDays(60))}/renewal", new { }),
        ["POST /api/v1/supply-chains"] = (w, c) =>
            Body(
                "/api/v1/supply-chains",
                c == Caller.Trader
                    ? new { name = $"Matrix chain {w.Next()}", master = (string?)null }
                    : new { name = $"Matrix chain {w.Next()}", master = (string?)RightTin }
            ),
        ["GET /api/v1/supply-chains"] = Path("/api/v1/supply-chains"),
        ["GET /api/v1/supply-chains/{id}"] = (w, _) => Get($"/api/v1/supply-chains/{w.ChainId}"),
        ["POST /api/v1/supply-chains/{id}/members"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/supply-chains/{await w.Chain(withMember: false)}/members",
                new
                {
                    tin = PublicTin,
                    role = "RoadCarrier",
                    participation = "Direct",
                }
            ),
        ["DELETE /api/v1/supply-chains/{id}/members/{tin}"] = async (w, _) =>
            new MatrixCall($"/api/v1/supply-chains/{await w.Chain(withMember: true)}/members/{PublicTin}"),
        ["GET /api/v1/criteria-packs"] = Path("/api/v1/criteria-packs"),
        ["GET /api/v1/criteria-packs/{id}"] = (w, _) => Get($"/api/v1/criteria-packs/{w.CriteriaPackId}"),
        ["PUT /api/v1/criteria-packs/{id}/agency-criteria/{agency}"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/criteria-packs/{await w.EcommercePack()}/agency-criteria/{RightAgency}",
                new
                {
                    programme = "TW",
                    questions = new[]
                    {
                        new
                        {
                            code = "FDA-MATRIX-1",
                            group = "Food safety",
                            text = "Cold chain records?",
                            evidenceRequired = false,
                            outcomeBasedAllowed = false,
                            outsourcingAllowed = false,
                        },
                    },
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/criteria-packs/{id}/versions"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/criteria-packs/{w.CriteriaPackId}/versions",
                new
                {
                    programme = await w.OtherProgramme(),
                    questions = await w.Questions(),
                    reason = "matrix",
                }
            ),
        ["GET /api/v1/programmes/{code}/rejection-reasons"] = Path("/api/v1/programmes/TW/rejection-reasons"),
        ["GET /api/v1/programmes/{code}/benefits"] = Path("/api/v1/programmes/TW/benefits?role=Importer"),
        ["POST /api/v1/programmes/{code}/benefits"] = (_, _) => Body("/api/v1/programmes/TW/benefits", MatrixWorld.BenefitBody),
        ["PUT /api/v1/programmes/{code}/benefits/{id}"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/programmes/TW/benefits/{await w.NewBenefit()}", MatrixWorld.BenefitBody),
        ["DELETE /api/v1/programmes/{code}/benefits/{id}"] = async (w, _) =>
            new MatrixCall($"/api/v1/programmes/TW/benefits/{await w.NewBenefit()}?reason=matrix"),
        ["PUT /api/v1/programmes/{code}/guides/{criterion}/{language}"] = (_, _) =>
            Body("/api/v1/programmes/TW/guides/COMP-1/es", new { looksFor = "Matrix words.", reason = "matrix" }),
        ["DELETE /api/v1/programmes/{code}/guides/{criterion}/{language}"] = async (w, _) =>
            new MatrixCall($"/api/v1/programmes/TW/guides/{await w.NewGuideText()}/es?reason=matrix"),
        ["POST /api/v1/programmes/{code}/rejection-reasons"] = (w, _) =>
            Body("/api/v1/programmes/TW/rejection-reasons", new { code = $"MATRIX-{w.Next()}", label = "Matrix reason" }),
        ["GET /api/v1/notifications"] = Path("/api/v1/notifications"),
        ["GET /api/v1/me/notification-settings"] = Path("/api/v1/me/notification-settings"),
        ["PUT /api/v1/me/notification-settings"] = (_, _) =>
            Body("/api/v1/me/notification-settings", new { email = "matrix@example.org", byMail = new[] { "Reminders" } }),
        ["GET /api/v1/me/time-zone"] = Path("/api/v1/me/time-zone"),
        ["PUT /api/v1/me/time-zone"] = (_, _) => Body("/api/v1/me/time-zone", new { timeZone = "Pacific/Auckland" }),

        // Mutual recognition
        ["GET /api/v1/mras"] = Path("/api/v1/mras"),
        ["POST /api/v1/mras"] = (_, _) => Body("/api/v1/mras", Mra()),
        ["GET /api/v1/mras/{id}"] = (w, _) => Get($"/api/v1/mras/{w.MraId}"),
        ["PUT /api/v1/mras/{id}"] = (w, _) => Body($"/api/v1/mras/{w.MraId}", Mra()),
        ["GET /api/v1/partners"] = Path("/api/v1/partners"),
        ["POST /api/v1/partners"] = (_, _) =>
            Body(
                "/api/v1/partners",
                new
                {
                    economy = "KR",
                    url = PartnerUrl,
                    publicKey = NewPublicKey(),
                    apiKey = "k",
                    agreement = "sharing",
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/partners/{economy}/pull"] = (_, _) => Body("/api/v1/partners/NZ/pull", new { }),
        ["PUT /api/v1/partners/{economy}"] = (w, _) =>
            Body(
                "/api/v1/partners/NZ",
                new
                {
                    url = PartnerUrl,
                    publicKey = w.NzKey,
                    agreement = "sharing",
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/partners/{economy}/retirement"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/partners/{await w.RetirablePartner()}/retirement", new { reason = "matrix" }),
        ["GET /api/v1/recognition/{tin}"] = Path($"/api/v1/recognition/{PublicTin}"),
        ["GET /api/v1/public/status/{tin}"] = Path($"/api/v1/public/status/{PublicTin}"),

        // Portal
        ["POST /api/v1/public/consultations"] = (w, _) =>
            Body(
                "/api/v1/public/consultations",
                new
                {
                    programme = "TW",
                    tin = $"TW97{w.Next():D6}",
                    legalName = "Matrix prospect",
                    contactName = "Matrix",
                    email = "matrix@example.com",
                    preferredDates = new[] { new DateOnly(2026, 3, 20) },
                }
            ),
        ["GET /api/v1/prospects"] = Path("/api/v1/prospects?status=all"),
        ["POST /api/v1/prospects/{id}/acceptance"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/prospects/{await w.NewProspect()}/acceptance", new { }),
        ["POST /api/v1/prospects/{id}/invitation"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/prospects/{await w.AcceptedProspect()}/invitation", new { }),
        ["POST /api/v1/prospects/{id}/decline"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/prospects/{await w.NewProspect()}/decline", new { reason = "matrix" }),
        ["POST /api/v1/public/readiness"] = (_, _) =>
            Body(
                "/api/v1/public/readiness",
                new
                {
                    programme = "TW",
                    roles = new[] { "Exporter" },
                    employees = 40,
                    answers = new[] { new { criterion = "CARGO-1", answer = "No" } },
                }
            ),
        ["GET /exchange/v1/identity"] = Path("/exchange/v1/identity"),
        ["GET /exchange/v1/sth"] = Path("/exchange/v1/sth"),
        ["GET /exchange/v1/entries"] = Path("/exchange/v1/entries?start=0&end=1"),
        ["GET /exchange/v1/proof/consistency"] = Path("/exchange/v1/proof/consistency?first=1&second=1"),
        ["GET /exchange/v1/proof/inclusion"] = Path("/exchange/v1/proof/inclusion?index=0&treeSize=1"),
        ["GET /exchange/v1/status/{tin}"] = Path($"/exchange/v1/status/{PublicTin}"),

        // Clearance
        ["POST /api/v1/declarations"] = (_, _) => Body("/api/v1/declarations", Declaration(RightTin, "94036000")),
        ["GET /api/v1/declarations"] = Path("/api/v1/declarations"),
        ["GET /api/v1/declarations/export"] = Path("/api/v1/declarations/export"),
        ["GET /api/v1/declarations/{id}"] = (w, _) => Get($"/api/v1/declarations/{w.DeclarationId}"),
        ["POST /api/v1/declarations/{id}/actions"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/declarations/{await w.Released()}/actions", new { action = "Deliver" }),
        ["GET /api/v1/clearance/profile"] = Path("/api/v1/clearance/profile"),
        ["PUT /api/v1/clearance/profile"] = (_, _) => Body("/api/v1/clearance/profile", Border.RiskProfile()),
        ["POST /api/v1/clearance/simulations"] = (w, _) =>
            Body(
                "/api/v1/clearance/simulations",
                new
                {
                    from = w.Today.AddDays(-30),
                    to = w.Today,
                    rules = Array.Empty<object>(),
                    remove = Array.Empty<string>(),
                }
            ),
        ["POST /api/v1/declarations/import"] = (w, _) =>
            Task.FromResult(
                MatrixCall.Csv(
                    "/api/v1/declarations/import",
                    "declaration_id,type,mode,origin,destination,office,office_tz,hs_codes,item_values,lodged_at,"
                        + $"importer_tin\nMATRIX-{w.Next()},Import,Sea,US,TW,TWKEL1,Asia/Taipei,94036000,900,"
                        + $"2026-03-01T10:00:00,{OtherTin}\n"
                )
            ),
        ["GET /api/v1/agency-cases"] = Path("/api/v1/agency-cases?all=true"),
        ["POST /api/v1/agency-cases/{declarationId}/{agency}/permit"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/agency-cases/{await w.AwaitingPermit()}/{RightAgency}/permit",
                new { decision = "Grant", note = "Licence checked." }
            ),
        ["POST /api/v1/agency-cases/{declarationId}/{agency}/appointment"] = async (w, _) =>
            MatrixCall.Json(
                $"/api/v1/agency-cases/{await w.AwaitingPermit(jointInspection: true)}/{RightAgency}/appointment",
                new { at = w.App.Clock.GetUtcNow().AddDays(2) }
            ),
        ["GET /api/v1/agencies"] = Path("/api/v1/agencies"),
        ["PUT /api/v1/agencies/{code}"] = async (w, _) => MatrixCall.Json($"/api/v1/agencies/{RightAgency}", await w.AgencyAsItIs()),
        ["POST /api/v1/agencies/{code}/controls"] = (w, _) => Body($"/api/v1/agencies/{RightAgency}/controls", Control(w.Next())),
        ["DELETE /api/v1/agencies/{code}/controls/{id}"] = async (w, _) =>
            new MatrixCall($"/api/v1/agencies/{RightAgency}/controls/{await w.Control()}"),
        ["GET /api/v1/clearance/rules"] = Path("/api/v1/clearance/rules"),
        ["GET /api/v1/clearance/rules/{id}"] = async (w, _) => new MatrixCall($"/api/v1/clearance/rules/{await w.NewRule()}"),
        ["POST /api/v1/clearance/rules"] = (w, _) => Body("/api/v1/clearance/rules", w.Rule($"MATRIX-{w.Next()}")),
        ["DELETE /api/v1/clearance/rules/{id}"] = async (w, _) =>
            new MatrixCall($"/api/v1/clearance/rules/{await w.NewRule()}?from={w.Today:yyyy-MM-dd}"),

        // Time release
        ["POST /api/v1/trs/studies"] = (w, _) => Body("/api/v1/trs/studies", w.Study($"Matrix study {w.Next()}")),
        ["GET /api/v1/trs/studies"] = Path("/api/v1/trs/studies"),
        ["GET /api/v1/insights/kpis"] = Path("/api/v1/insights/kpis?programme=TW&from=2026-01&to=2026-03&by=size"),
        ["GET /api/v1/mras/{id}/monitoring"] = (w, _) => Get($"/api/v1/mras/{w.MraId}/monitoring"),
        ["POST /api/v1/trs/inputs"] = (_, _) =>
            Task.FromResult(
                MatrixCall.File(
                    "/api/v1/trs/inputs",
                    "tiny.csv",
                    Encoding.UTF8.GetBytes(
                        "declaration_id,arrival_at,lodged_at,released_at\nD1,2019-01-01T08:00:00Z,2019-01-01T09:00:00Z,"
                            + "2019-01-01T10:00:00Z\n"
                    )
                )
            ),
        ["GET /api/v1/trs/inputs"] = Path("/api/v1/trs/inputs"),
        ["GET /api/v1/trs/studies/{id}"] = (w, _) => Get($"/api/v1/trs/studies/{w.StudyId}"),
        ["GET /api/v1/trs/studies/{id}/report"] = (w, _) => Get($"/api/v1/trs/studies/{w.StudyId}/report?format=json"),
        ["POST /api/v1/trs/studies/{id}/rerun"] = (w, _) => Body($"/api/v1/trs/studies/{w.StudyId}/rerun", new { }),

        // Insights: surveys
        ["GET /api/v1/surveys"] = Path("/api/v1/surveys"),
        ["GET /api/v1/surveys/templates"] = Path("/api/v1/surveys/templates"),
        ["POST /api/v1/surveys"] = (w, _) =>
            Body(
                "/api/v1/surveys",
                new
                {
                    template = "apec-public-sector",
                    slug = $"matrix-new-{w.Next()}",
                    reason = "matrix",
                }
            ),
        ["GET /api/v1/surveys/{id}"] = (w, _) => Get($"/api/v1/surveys/{w.SurveyId}"),
        ["POST /api/v1/surveys/{id}/versions"] = (w, _) =>
            Body(
                $"/api/v1/surveys/{w.SurveyId}/versions",
                new
                {
                    questions = new[]
                    {
                        new
                        {
                            code = "P1-01",
                            section = "Panel 1",
                            text = "The AEO programme supports the voluntary compliance strategy.",
                            kind = "Likert",
                        },
                    },
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/surveys/{id}/opening"] = (w, _) =>
            Body(
                $"/api/v1/surveys/{w.SurveyId}/opening",
                new
                {
                    closesOn = w.Today.AddDays(30),
                    openLink = true,
                    reason = "matrix",
                }
            ),
        ["POST /api/v1/surveys/{id}/closing"] = async (w, _) =>
            MatrixCall.Json($"/api/v1/surveys/{await w.OpenSurvey()}/closing", new { reason = "matrix" }),
        ["POST /api/v1/surveys/{id}/invitations"] = (w, _) =>
            Body($"/api/v1/surveys/{w.SurveyId}/invitations", new { count = 1, reason = "matrix" }),
        ["POST /api/v1/surveys/{id}/responses/import"] = (w, _) =>
            Task.FromResult(
                MatrixCall.Csv(
                    $"/api/v1/surveys/{w.SurveyId}/responses/import",
                    $"respondent,segment,economy,P1-01\nM-{w.Next()},customs,TW,4\n"
                )
            ),
        ["GET /api/v1/surveys/{id}/results"] = (w, _) => Get($"/api/v1/surveys/{w.SurveyId}/results"),
        ["GET /api/v1/surveys/{id}/responses/export"] = (w, _) => Get($"/api/v1/surveys/{w.SurveyId}/responses/export"),
        ["GET /api/v1/public/surveys/{slug}"] = Path($"/api/v1/public/surveys/{SurveySlug}"),
        ["POST /api/v1/public/surveys/{slug}/responses"] = (_, _) =>
            Body(
                $"/api/v1/public/surveys/{SurveySlug}/responses",
                new
                {
                    segment = "sme",
                    economy = "TW",
                    answers = new[] { new { question = "P1-01", value = "4" } },
                }
            ),
    };

    public static IReadOnlyCollection<string> Routes => Calls.Keys;

    public static Func<MatrixWorld, Caller, Task<MatrixCall>>? For(string route) => Calls.GetValueOrDefault(route);

    private static Func<MatrixWorld, Caller, Task<MatrixCall>> Path(string path) => (_, _) => Get(path);

    private static Task<MatrixCall> Get(string path) => Task.FromResult(new MatrixCall(path));

    private static Task<MatrixCall> Body(string path, object body) => Task.FromResult(MatrixCall.Json(path, body));

    /// <summary>A workflow move on a fresh application in the state the move starts from.</summary>
    private static Func<MatrixWorld, Caller, Task<MatrixCall>> Move(Func<MatrixWorld, Task<int>> arrange, string route) =>
        async (w, _) => MatrixCall.Json($"/api/v1/applications/{await arrange(w)}/{route}", new { reason = "matrix" });
}
