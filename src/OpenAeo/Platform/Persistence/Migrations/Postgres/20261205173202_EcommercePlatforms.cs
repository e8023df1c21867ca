using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EcommercePlatforms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EcommerceCurrency",
                table: "registry_programmes",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EcommerceLowValueLane",
                table: "registry_programmes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "EcommerceMerchants",
                table: "registry_programmes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "LinkedAndCertified");

            migrationBuilder.AddColumn<bool>(
                name: "EcommerceSimplifiedReturns",
                table: "registry_programmes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "EcommerceThreshold",
                table: "registry_programmes",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "EcommercePlatformTin",
                table: "clr_declarations",
                type: "character varying(17)",
                maxLength: 17,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cert_merchant_links",
                columns: table => new
                {
                    PlatformTin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    MerchantTin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cert_merchant_links", x => new { x.PlatformTin, x.MerchantTin });
                });

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations",
                column: "EcommercePlatformTin");

            migrationBuilder.CreateIndex(
                name: "IX_cert_merchant_links_MerchantTin",
                table: "cert_merchant_links",
                column: "MerchantTin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cert_merchant_links");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations");

            migrationBuilder.DropColumn(
                name: "EcommerceCurrency",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "EcommerceLowValueLane",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "EcommerceMerchants",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "EcommerceSimplifiedReturns",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "EcommerceThreshold",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "EcommercePlatformTin",
                table: "clr_declarations");
        }
    }
}
