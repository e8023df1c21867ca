using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrashSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "cert_certificates",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "cert_applications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "platform_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Holder = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    ProcessStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_leases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cert_applications_open_per_operator",
                table: "cert_applications",
                columns: new[] { "OperatorTin", "ProgrammeCode" },
                unique: true,
                filter: "\"State\" NOT IN ('Granted', 'Rejected', 'Withdrawn')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_leases");

            migrationBuilder.DropIndex(
                name: "IX_cert_applications_open_per_operator",
                table: "cert_applications");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "cert_certificates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "cert_applications");
        }
    }
}
