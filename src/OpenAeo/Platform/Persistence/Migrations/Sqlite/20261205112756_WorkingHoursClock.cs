using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkingHoursClock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing programmes get the default office day, 08:30-17:30 local (ADR 0044).
            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkdayCloses",
                table: "registry_programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(17, 30, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkdayOpens",
                table: "registry_programmes",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(8, 30, 0));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WorkdayCloses",
                table: "registry_programmes");

            migrationBuilder.DropColumn(
                name: "WorkdayOpens",
                table: "registry_programmes");
        }
    }
}
