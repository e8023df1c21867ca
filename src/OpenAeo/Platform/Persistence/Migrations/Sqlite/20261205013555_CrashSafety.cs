using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "cert_applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "platform_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessStartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
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
