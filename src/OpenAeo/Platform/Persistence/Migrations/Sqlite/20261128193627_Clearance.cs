using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Clearance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clr_agencies",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Benefits = table.Column<string>(type: "TEXT", nullable: false),
                    AeoInspectionFactor = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_agencies", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "clr_declarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OriginEconomy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DestinationEconomy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Office = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OfficeTimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImporterTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    ExporterTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    ConsignorTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    CustomsBrokerTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    CarrierTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    FreightForwarderTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    WarehouseTin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    CustomsValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 2, nullable: false),
                    LowValueEcommerce = table.Column<bool>(type: "INTEGER", nullable: false),
                    ArrivalAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LodgedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LodgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Lane = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    RandomlySelected = table.Column<bool>(type: "INTEGER", nullable: false),
                    PrincipalStatus = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrincipalSme = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsignorStatus = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConsignorMra = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_declarations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "clr_risk_rules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    ForceLane = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_risk_rules", x => new { x.Id, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "clr_selectivity_profiles",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    YellowFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    RedFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    PrincipalAeoCredit = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyAeoCredit = table.Column<int>(type: "INTEGER", nullable: false),
                    MraCredit = table.Column<int>(type: "INTEGER", nullable: false),
                    AllAeoChainCredit = table.Column<int>(type: "INTEGER", nullable: false),
                    OgaCredit = table.Column<int>(type: "INTEGER", nullable: false),
                    RandomRate = table.Column<double>(type: "REAL", nullable: false),
                    RandomLane = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpectedGreen = table.Column<double>(type: "REAL", nullable: true),
                    ExpectedYellow = table.Column<double>(type: "REAL", nullable: true),
                    ExpectedRed = table.Column<double>(type: "REAL", nullable: true),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_selectivity_profiles", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "clr_commodity_controls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Agency = table.Column<string>(type: "TEXT", nullable: false),
                    HsFrom = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    HsTo = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PermitRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    DocumentaryCheck = table.Column<bool>(type: "INTEGER", nullable: false),
                    InspectionRate = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_commodity_controls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clr_commodity_controls_clr_agencies_Agency",
                        column: x => x.Agency,
                        principalTable: "clr_agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clr_agency_cases",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PermitRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    PermitStatus = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DocumentaryCheck = table.Column<bool>(type: "INTEGER", nullable: false),
                    DocumentaryCheckWaived = table.Column<bool>(type: "INTEGER", nullable: false),
                    JointInspection = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppointmentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_agency_cases", x => new { x.DeclarationId, x.Agency });
                    table.ForeignKey(
                        name: "FK_clr_agency_cases_clr_declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "clr_declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clr_declaration_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Milestone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_declaration_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clr_declaration_events_clr_declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "clr_declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clr_declaration_items",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    HsCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CustomsValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 2, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clr_declaration_items", x => new { x.DeclarationId, x.Line });
                    table.ForeignKey(
                        name: "FK_clr_declaration_items_clr_declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "clr_declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clr_agency_cases_Agency_PermitStatus",
                table: "clr_agency_cases",
                columns: new[] { "Agency", "PermitStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_clr_commodity_controls_Agency",
                table: "clr_commodity_controls",
                column: "Agency");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declaration_events_DeclarationId",
                table: "clr_declaration_events",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_CustomsBrokerTin",
                table: "clr_declarations",
                column: "CustomsBrokerTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ExporterTin",
                table: "clr_declarations",
                column: "ExporterTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ImporterTin",
                table: "clr_declarations",
                column: "ImporterTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_Lane_Office",
                table: "clr_declarations",
                columns: new[] { "Lane", "Office" });

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_LodgedAt",
                table: "clr_declarations",
                column: "LodgedAt");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_Reference",
                table: "clr_declarations",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clr_agency_cases");

            migrationBuilder.DropTable(
                name: "clr_commodity_controls");

            migrationBuilder.DropTable(
                name: "clr_declaration_events");

            migrationBuilder.DropTable(
                name: "clr_declaration_items");

            migrationBuilder.DropTable(
                name: "clr_risk_rules");

            migrationBuilder.DropTable(
                name: "clr_selectivity_profiles");

            migrationBuilder.DropTable(
                name: "clr_agencies");

            migrationBuilder.DropTable(
                name: "clr_declarations");
        }
    }
}
