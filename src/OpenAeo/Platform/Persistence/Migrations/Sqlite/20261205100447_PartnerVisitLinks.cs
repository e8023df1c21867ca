using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerVisitLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PartnerCertificateNumber",
                table: "cert_visits",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PartnerLogIndex",
                table: "cert_visits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerMra",
                table: "cert_visits",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerTin",
                table: "cert_visits",
                type: "TEXT",
                maxLength: 17,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PartnerCertificateNumber",
                table: "cert_visits");

            migrationBuilder.DropColumn(
                name: "PartnerLogIndex",
                table: "cert_visits");

            migrationBuilder.DropColumn(
                name: "PartnerMra",
                table: "cert_visits");

            migrationBuilder.DropColumn(
                name: "PartnerTin",
                table: "cert_visits");
        }
    }
}
