using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartialPartyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_CustomsBrokerTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_ExporterTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_ImporterTin",
                table: "clr_declarations");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_CustomsBrokerTin",
                table: "clr_declarations",
                column: "CustomsBrokerTin",
                filter: "\"CustomsBrokerTin\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations",
                column: "EcommercePlatformTin",
                filter: "\"EcommercePlatformTin\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ExporterTin",
                table: "clr_declarations",
                column: "ExporterTin",
                filter: "\"ExporterTin\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ImporterTin",
                table: "clr_declarations",
                column: "ImporterTin",
                filter: "\"ImporterTin\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_CustomsBrokerTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_ExporterTin",
                table: "clr_declarations");

            migrationBuilder.DropIndex(
                name: "IX_clr_declarations_ImporterTin",
                table: "clr_declarations");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_CustomsBrokerTin",
                table: "clr_declarations",
                column: "CustomsBrokerTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_EcommercePlatformTin",
                table: "clr_declarations",
                column: "EcommercePlatformTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ExporterTin",
                table: "clr_declarations",
                column: "ExporterTin");

            migrationBuilder.CreateIndex(
                name: "IX_clr_declarations_ImporterTin",
                table: "clr_declarations",
                column: "ImporterTin");
        }
    }
}
