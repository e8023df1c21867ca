using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmeRound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FindingsPolicy",
                table: "registry_programmes",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "Block");

            migrationBuilder.AddColumn<bool>(
                name: "FourEyes",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "HearingDays",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<string>(
                name: "HolidayNames",
                table: "registry_programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "registry_operators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "mr_mras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpBy",
                table: "cert_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationNoticeBy",
                table: "cert_certificates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RevocationNoticeOn",
                table: "cert_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationNoticeReason",
                table: "cert_certificates",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationPreparedBy",
                table: "cert_certificates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationPreparedReason",
                table: "cert_certificates",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RevocationRespondBy",
                table: "cert_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevocationRespondedAt",
                table: "cert_certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationResponse",
                table: "cert_certificates",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedPreparedBy",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HearingReturnTo",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeCodes",
                table: "cert_applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeIssuedOn",
                table: "cert_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeRespondBy",
                table: "cert_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticeRespondedAt",
                table: "cert_applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeResponse",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeResponseDocuments",
                table: "cert_applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "NoticeText",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedAction",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreparedAt",
                table: "cert_applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedBy",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedCertificateNumber",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedCodes",
                table: "cert_applications",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "PreparedFollowUpBy",
                table: "cert_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedText",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedTier",
                table: "cert_applications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PreparedValidFrom",
                table: "cert_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderTin",
                table: "cert_answers",
                type: "TEXT",
                maxLength: 17,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cert_improvement_actions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    What = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlanAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompletionText = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CompletionDocumentId = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_improvement_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_improvement_actions_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cert_improvement_actions_cert_documents_CompletionDocumentId",
                        column: x => x.CompletionDocumentId,
                        principalTable: "cert_documents",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "platform_idempotent_answers",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_idempotent_answers", x => new { x.Owner, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "portal_guide_overrides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CriterionCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LooksFor = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_guide_overrides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_portal_guide_overrides_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_programme_benefits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Family = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Roles = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", nullable: false),
                    Places = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Texts = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_programme_benefits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_programme_benefits_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cert_improvement_actions_ApplicationId",
                table: "cert_improvement_actions",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_cert_improvement_actions_CompletionDocumentId",
                table: "cert_improvement_actions",
                column: "CompletionDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_idempotent_answers_CreatedAt",
                table: "platform_idempotent_answers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_portal_guide_overrides_ProgrammeCode_CriterionCode_Language",
                table: "portal_guide_overrides",
                columns: new[] { "ProgrammeCode", "CriterionCode", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_programme_benefits_ProgrammeCode",
                table: "registry_programme_benefits",
                column: "ProgrammeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_improvement_actions");

            migrationBuilder.DropTable(
                name: "platform_idempotent_answers");

            migrationBuilder.DropTable(
                name: "portal_guide_overrides");

            migrationBuilder.DropTable(
                name: "registry_programme_benefits");

            migrationBuilder.DropColumn(
                name: "FindingsPolicy",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "FourEyes",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "HearingDays",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "HolidayNames",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "registry_operators");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "mr_mras");

            migrationBuilder.DropColumn(
                name: "FollowUpBy",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationNoticeBy",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationNoticeOn",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationNoticeReason",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationPreparedBy",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationPreparedReason",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationRespondBy",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationRespondedAt",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationResponse",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "DecidedPreparedBy",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "HearingReturnTo",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeCodes",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeIssuedOn",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeRespondBy",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeRespondedAt",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeResponse",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeResponseDocuments",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "NoticeText",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedAction",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedAt",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedBy",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedCertificateNumber",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedCodes",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedFollowUpBy",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedText",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedTier",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "PreparedValidFrom",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "ProviderTin",
                table: "cert_answers");
        }
    }
}
