using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmeRoundTwo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReassessmentYears",
                table: "registry_programmes",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "SelfReviewWindowDays",
                table: "registry_programmes",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "TriggeredReassessmentDays",
                table: "registry_programmes",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkdayCloses",
                table: "registry_programmes",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(17, 30, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkdayOpens",
                table: "registry_programmes",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(8, 30, 0));

            migrationBuilder.AddColumn<DateOnly>(
                name: "JointValidationFrom",
                table: "mr_mras",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cert_agency_sign_offs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Findings = table.Column<string>(type: "text", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_agency_sign_offs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_agency_sign_offs_cert_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "cert_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cert_reassessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertificateId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Triggers = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_reassessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_reassessments_cert_certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "cert_certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_self_reviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertificateId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PremisesChanged = table.Column<bool>(type: "boolean", nullable: false),
                    PremisesDetails = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    OwnershipChanged = table.Column<bool>(type: "boolean", nullable: false),
                    OwnershipDetails = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    PartnersChanged = table.Column<bool>(type: "boolean", nullable: false),
                    PartnersDetails = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    IncidentsReported = table.Column<bool>(type: "boolean", nullable: false),
                    IncidentsDetails = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    OtherChanged = table.Column<bool>(type: "boolean", nullable: false),
                    OtherDetails = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_self_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_self_reviews_cert_certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "cert_certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_webhook_subscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EventTypes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    StartsAfterAuditId = table.Column<long>(type: "bigint", nullable: false),
                    FannedThrough = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecretRotatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_webhook_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_webhook_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubscriptionId = table.Column<int>(type: "integer", nullable: false),
                    AuditEntryId = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastStatusCode = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_webhook_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_webhook_deliveries_platform_webhook_subscriptions_~",
                        column: x => x.SubscriptionId,
                        principalTable: "platform_webhook_subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_webhook_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Response = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DurationMs = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_webhook_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_webhook_attempts_platform_webhook_deliveries_Deliv~",
                        column: x => x.DeliveryId,
                        principalTable: "platform_webhook_deliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cert_agency_sign_offs_ApplicationId_Agency",
                table: "cert_agency_sign_offs",
                columns: new[] { "ApplicationId", "Agency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cert_reassessments_CertificateId_DueOn",
                table: "cert_reassessments",
                columns: new[] { "CertificateId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_cert_reassessments_open_per_certificate",
                table: "cert_reassessments",
                column: "CertificateId",
                unique: true,
                filter: "\"Outcome\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cert_self_reviews_CertificateId_DueOn",
                table: "cert_self_reviews",
                columns: new[] { "CertificateId", "DueOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_webhook_attempts_DeliveryId",
                table: "platform_webhook_attempts",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_webhook_deliveries_MessageId",
                table: "platform_webhook_deliveries",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_webhook_deliveries_Status_NextAttemptAt",
                table: "platform_webhook_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_webhook_deliveries_SubscriptionId_AuditEntryId",
                table: "platform_webhook_deliveries",
                columns: new[] { "SubscriptionId", "AuditEntryId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_agency_sign_offs");

            migrationBuilder.DropTable(
                name: "cert_reassessments");

            migrationBuilder.DropTable(
                name: "cert_self_reviews");

            migrationBuilder.DropTable(
                name: "platform_webhook_attempts");

            migrationBuilder.DropTable(
                name: "platform_webhook_deliveries");

            migrationBuilder.DropTable(
                name: "platform_webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "ReassessmentYears",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "SelfReviewWindowDays",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "TriggeredReassessmentDays",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "WorkdayCloses",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "WorkdayOpens",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "JointValidationFrom",
                table: "mr_mras");
        }
    }
}
