using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountsAndKeyRing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastSignInAt",
                table: "registry_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionVersion",
                table: "registry_users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Partners' API keys are encrypted from now on (ADR 0018). SQL cannot encrypt, so the keys stored in plain text
            // are marked and the app encrypts them at its next start, right after this migration (ProtectPlainPartnerKeys).
            migrationBuilder.RenameColumn(
                name: "ApiKey",
                table: "mr_partners",
                newName: "ProtectedApiKey");

            migrationBuilder.AlterColumn<string>(
                name: "ProtectedApiKey",
                table: "mr_partners",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.Sql("UPDATE mr_partners SET \"ProtectedApiKey\" = 'plain:' || \"ProtectedApiKey\" WHERE \"ProtectedApiKey\" <> ''");

            migrationBuilder.CreateTable(
                name: "platform_data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_sign_in_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Door = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_sign_in_failures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_sign_in_failures_At",
                table: "registry_sign_in_failures",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_registry_sign_in_failures_Door_At",
                table: "registry_sign_in_failures",
                columns: new[] { "Door", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_data_protection_keys");

            migrationBuilder.DropTable(
                name: "registry_sign_in_failures");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "registry_users");

            migrationBuilder.DropColumn(
                name: "SessionVersion",
                table: "registry_users");

            // Keys still marked plain get back their plain text; encrypted ones cannot be decrypted in SQL, so they are emptied
            // and must be entered again for the earlier version (PUT /api/v1/partners/{economy}).
            migrationBuilder.Sql("UPDATE mr_partners SET \"ProtectedApiKey\" = CASE WHEN \"ProtectedApiKey\" LIKE 'plain:%' THEN substr(\"ProtectedApiKey\", 7) ELSE '' END");

            migrationBuilder.AlterColumn<string>(
                name: "ProtectedApiKey",
                table: "mr_partners",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            migrationBuilder.RenameColumn(
                name: "ProtectedApiKey",
                table: "mr_partners",
                newName: "ApiKey");
        }
    }
}
