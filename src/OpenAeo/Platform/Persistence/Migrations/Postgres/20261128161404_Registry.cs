using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_economies",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApecMember = table.Column<bool>(type: "boolean", nullable: false),
                    Members = table.Column<List<string>>(type: "text[]", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_economies", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "registry_users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OperatorTin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                    PartnerEconomy = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    PasswordHash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ApiKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_operators",
                columns: table => new
                {
                    Tin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    LegalName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EconomyCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Roles = table.Column<int>(type: "integer", maxLength: 200, nullable: false),
                    Employees = table.Column<int>(type: "integer", nullable: true),
                    Turnover = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    Sector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConsentToExchange = table.Column<bool>(type: "boolean", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EconomyCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    LaunchYear = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ValidityYears = table.Column<int>(type: "integer", nullable: true),
                    SlaStandardDays = table.Column<int>(type: "integer", nullable: false),
                    SlaInformationRequestDays = table.Column<int>(type: "integer", nullable: false),
                    SlaSmeExpeditedDays = table.Column<int>(type: "integer", nullable: false),
                    SmeEmployeeCap = table.Column<int>(type: "integer", nullable: false),
                    SmeTurnoverCap = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    SmeTurnoverCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Tracks = table.Column<int>(type: "integer", maxLength: 200, nullable: false),
                    Tiers = table.Column<List<string>>(type: "text[]", nullable: false),
                    EligibleRoles = table.Column<int>(type: "integer", maxLength: 200, nullable: false),
                    WeekendDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    AnnualHolidays = table.Column<List<string>>(type: "text[]", nullable: false),
                    Holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgrammeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Metric = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_programme_statistics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_programme_statistics_registry_programmes_Programme~",
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
