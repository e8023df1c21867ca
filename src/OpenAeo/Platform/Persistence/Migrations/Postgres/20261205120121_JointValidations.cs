using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JointValidations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "JointValidationFrom",
                table: "mr_mras",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JointValidationFrom",
                table: "mr_mras");
        }
    }
}
