using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_economies",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApecMember = table.Column<bool>(type: "INTEGER", nullable: false),
                    Members = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_economies", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "registry_users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OperatorTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    PartnerEconomy = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ApiKeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_operators",
                columns: table => new
                {
                    Tin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EconomyCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Roles = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    Turnover = table.Column<decimal>(type: "TEXT", precision: 20, scale: 2, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConsentToExchange = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_operators", x => x.Tin);
                    table.ForeignKey(
                        name: "FK_registry_operators_registry_economies_EconomyCode",
                        column: x => x.EconomyCode,
                        principalTable: "registry_economies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_programmes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EconomyCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    LaunchYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValidityYears = table.Column<int>(type: "INTEGER", nullable: true),
                    SlaStandardDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaInformationRequestDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaSmeExpeditedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SmeEmployeeCap = table.Column<int>(type: "INTEGER", nullable: false),
                    SmeTurnoverCap = table.Column<decimal>(type: "TEXT", precision: 20, scale: 2, nullable: true),
                    SmeTurnoverCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Tracks = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", nullable: false),
                    EligibleRoles = table.Column<int>(type: "INTEGER", maxLength: 200, nullable: false),
                    WeekendDays = table.Column<string>(type: "TEXT", nullable: false),
                    AnnualHolidays = table.Column<string>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_programmes", x => x.Code);
                    table.ForeignKey(
                        name: "FK_registry_programmes_registry_economies_EconomyCode",
                        column: x => x.EconomyCode,
                        principalTable: "registry_economies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_programme_statistics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_programme_statistics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_programme_statistics_registry_programmes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "registry_programmes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_At",
                table: "platform_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_Subject",
                table: "platform_audit",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_registry_operators_EconomyCode",
                table: "registry_operators",
                column: "EconomyCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_operators_LegalName",
                table: "registry_operators",
                column: "LegalName");

            migrationBuilder.CreateIndex(
                name: "IX_registry_programme_statistics_ProgrammeCode",
                table: "registry_programme_statistics",
                column: "ProgrammeCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_programmes_EconomyCode",
                table: "registry_programmes",
                column: "EconomyCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_users_ApiKeyHash",
                table: "registry_users",
                column: "ApiKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_users_Name",
                table: "registry_users",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_audit");

            migrationBuilder.DropTable(
                name: "registry_operators");

            migrationBuilder.DropTable(
                name: "registry_programme_statistics");

            migrationBuilder.DropTable(
                name: "registry_users");

            migrationBuilder.DropTable(
                name: "registry_programmes");

            migrationBuilder.DropTable(
                name: "registry_economies");
        }
    }
}
