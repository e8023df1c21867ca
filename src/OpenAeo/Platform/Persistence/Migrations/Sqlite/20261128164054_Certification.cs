using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Certification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PauseExpiry",
                table: "registry_programmes",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "registry_programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "cert_certificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OperatorTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StatusSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_certificates_registry_operators_OperatorTin",
                        column: x => x.OperatorTin,
                        principalTable: "registry_operators",
                        principalColumn: "Tin",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cert_certificates_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_criteria_packs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Track = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Questions = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_criteria_packs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cert_rejection_reasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_rejection_reasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_rejection_reasons_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_supply_chains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MasterTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_supply_chains", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_supply_chains_registry_operators_MasterTin",
                        column: x => x.MasterTin,
                        principalTable: "registry_operators",
                        principalColumn: "Tin",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cert_certificate_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertificateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_certificate_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_certificate_events_cert_certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "cert_certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OperatorTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    Track = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CriteriaPackId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResumeTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PauseProposedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PauseProposedResumeBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PauseProposalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AgreedResumeBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AccountManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OnBehalfOf = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SponsorChainId = table.Column<int>(type: "INTEGER", nullable: true),
                    RenewalOfCertificateId = table.Column<int>(type: "INTEGER", nullable: true),
                    InformationEverRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CertificateId = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectionCodes = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionText = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_applications_cert_criteria_packs_CriteriaPackId",
                        column: x => x.CriteriaPackId,
                        principalTable: "cert_criteria_packs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cert_applications_registry_operators_OperatorTin",
                        column: x => x.OperatorTin,
                        principalTable: "registry_operators",
                        principalColumn: "Tin",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cert_applications_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_supply_chain_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SupplyChainId = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatorTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    Participation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_supply_chain_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_supply_chain_members_cert_supply_chains_SupplyChainId",
                        column: x => x.SupplyChainId,
                        principalTable: "cert_supply_chains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cert_supply_chain_members_registry_operators_OperatorTin",
                        column: x => x.OperatorTin,
                        principalTable: "registry_operators",
                        principalColumn: "Tin",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_answers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    OutcomeBased = table.Column<bool>(type: "INTEGER", nullable: false),
                    OutcomePlan = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Outsourced = table.Column<bool>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_answers_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_application_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClockRuns = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_application_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_application_events_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_documents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SharedWithChain = table.Column<bool>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_documents_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_information_requests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_information_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_information_requests_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedFor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Officer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartnerEconomy = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    PartnerReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Findings = table.Column<string>(type: "TEXT", nullable: false),
                    Report = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_visits_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cert_answers_ApplicationId_QuestionCode",
                table: "cert_answers",
                columns: new[] { "ApplicationId", "QuestionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_application_events_ApplicationId",
                table: "cert_application_events",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_CriteriaPackId",
                table: "cert_applications",
                column: "CriteriaPackId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_OperatorTin",
                table: "cert_applications",
                column: "OperatorTin");

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_ProgrammeCode",
                table: "cert_applications",
                column: "ProgrammeCode");

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_Reference",
                table: "cert_applications",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_State_AccountManager",
                table: "cert_applications",
                columns: new[] { "State", "AccountManager" });

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificate_events_CertificateId",
                table: "cert_certificate_events",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificate_events_RecordedAt",
                table: "cert_certificate_events",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificates_Number",
                table: "cert_certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificates_OperatorTin",
                table: "cert_certificates",
                column: "OperatorTin");

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificates_ProgrammeCode",
                table: "cert_certificates",
                column: "ProgrammeCode");

            migrationBuilder.CreateIndex(
                name: "IX_cert_certificates_Status_ValidUntil",
                table: "cert_certificates",
                columns: new[] { "Status", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_cert_criteria_packs_Key_Version",
                table: "cert_criteria_packs",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_documents_ApplicationId",
                table: "cert_documents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_information_requests_ApplicationId",
                table: "cert_information_requests",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_rejection_reasons_ProgrammeCode_Code",
                table: "cert_rejection_reasons",
                columns: new[] { "ProgrammeCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_supply_chain_members_OperatorTin",
                table: "cert_supply_chain_members",
                column: "OperatorTin");

            migrationBuilder.CreateIndex(
                name: "IX_cert_supply_chain_members_SupplyChainId_OperatorTin",
                table: "cert_supply_chain_members",
                columns: new[] { "SupplyChainId", "OperatorTin" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_supply_chains_MasterTin",
                table: "cert_supply_chains",
                column: "MasterTin");

            migrationBuilder.CreateIndex(
                name: "IX_cert_visits_ApplicationId",
                table: "cert_visits",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_notifications_Audience_CreatedAt",
                table: "platform_notifications",
                columns: new[] { "Audience", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_notifications_Key",
                table: "platform_notifications",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_answers");

            migrationBuilder.DropTable(
                name: "cert_application_events");

            migrationBuilder.DropTable(
                name: "cert_certificate_events");

            migrationBuilder.DropTable(
                name: "cert_documents");

            migrationBuilder.DropTable(
                name: "cert_information_requests");

            migrationBuilder.DropTable(
                name: "cert_rejection_reasons");

            migrationBuilder.DropTable(
                name: "cert_supply_chain_members");

            migrationBuilder.DropTable(
                name: "cert_visits");

            migrationBuilder.DropTable(
                name: "platform_notifications");

            migrationBuilder.DropTable(
                name: "cert_certificates");

            migrationBuilder.DropTable(
                name: "cert_supply_chains");

            migrationBuilder.DropTable(
                name: "cert_applications");

            migrationBuilder.DropTable(
                name: "cert_criteria_packs");

            migrationBuilder.DropColumn(
                name: "PauseExpiry",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "registry_programmes");
        }
    }
}
