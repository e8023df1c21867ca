using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortalProspects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cert_prospects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Tin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PreferredDates = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    Turnover = table.Column<decimal>(type: "TEXT", precision: 20, scale: 2, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SelfCheckAnswers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InvitationHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InvitationExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    JoinedAs = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_prospects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cert_prospects_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cert_prospects_InvitationHash",
                table: "cert_prospects",
                column: "InvitationHash");

            migrationBuilder.CreateIndex(
                name: "IX_cert_prospects_ProgrammeCode_Status",
                table: "cert_prospects",
                columns: new[] { "ProgrammeCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cert_prospects_Reference",
                table: "cert_prospects",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_prospects");
        }
    }
}
