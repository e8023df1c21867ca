using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReassessmentYears",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "SelfReviewWindowDays",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "TriggeredReassessmentDays",
                table: "registry_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.CreateTable(
                name: "cert_reassessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertificateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Triggers = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OutcomeReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertificateId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PremisesChanged = table.Column<bool>(type: "INTEGER", nullable: false),
                    PremisesDetails = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    OwnershipChanged = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnershipDetails = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    PartnersChanged = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnersDetails = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    IncidentsReported = table.Column<bool>(type: "INTEGER", nullable: false),
                    IncidentsDetails = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    OtherChanged = table.Column<bool>(type: "INTEGER", nullable: false),
                    OtherDetails = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OutcomeReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_reassessments");

            migrationBuilder.DropTable(
                name: "cert_self_reviews");

            migrationBuilder.DropColumn(
                name: "ReassessmentYears",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "SelfReviewWindowDays",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "TriggeredReassessmentDays",
                table: "registry_programmes");
        }
    }
}
