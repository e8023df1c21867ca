using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertCriteriaHolidaysContractors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "HolidayNames",
                table: "registry_programmes",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "ProviderTin",
                table: "cert_answers",
                type: "character varying(17)",
                maxLength: 17,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HolidayNames",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "ProviderTin",
                table: "cert_answers");
        }
    }
}
