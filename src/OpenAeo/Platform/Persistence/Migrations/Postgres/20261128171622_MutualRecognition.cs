using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MutualRecognition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mr_data_sharing",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Parties = table.Column<string>(type: "text", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Scope = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_data_sharing", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mr_log_entries",
                columns: table => new
                {
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Tin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    LeafHash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_log_entries", x => x.Index);
                });

            migrationBuilder.CreateTable(
                name: "mr_log_nodes",
                columns: table => new
                {
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_log_nodes", x => new { x.Level, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "mr_log_tree_heads",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_log_tree_heads", x => x.TreeSize);
                });

            migrationBuilder.CreateTable(
                name: "mr_mras",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Parties = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NegotiationStartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ActionPlanOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InForceFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    SuspendedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TerminatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Tiers = table.Column<string>(type: "text", nullable: false),
                    Benefits = table.Column<string>(type: "text", nullable: false),
                    Monitoring = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_mras", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mr_published_operators",
                columns: table => new
                {
                    Tin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    Consenting = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_published_operators", x => x.Tin);
                });

            migrationBuilder.CreateTable(
                name: "mr_publisher",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastEventId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_publisher", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mr_replica_entries",
                columns: table => new
                {
                    Partner = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Tin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_replica_entries", x => new { x.Partner, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "mr_replica_frontier",
                columns: table => new
                {
                    Partner = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_replica_frontier", x => new { x.Partner, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "mr_partners",
                columns: table => new
                {
                    Economy = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    ApiKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MraId = table.Column<int>(type: "integer", nullable: true),
                    DataSharingId = table.Column<int>(type: "integer", nullable: true),
                    Health = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    VerifiedTreeHead = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_partners", x => x.Economy);
                    table.ForeignKey(
                        name: "FK_mr_partners_mr_data_sharing_DataSharingId",
                        column: x => x.DataSharingId,
                        principalTable: "mr_data_sharing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mr_partners_mr_mras_MraId",
                        column: x => x.MraId,
                        principalTable: "mr_mras",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mr_log_entries_Tin",
                table: "mr_log_entries",
                column: "Tin");

            migrationBuilder.CreateIndex(
                name: "IX_mr_partners_DataSharingId",
                table: "mr_partners",
                column: "DataSharingId");

            migrationBuilder.CreateIndex(
                name: "IX_mr_partners_MraId",
                table: "mr_partners",
                column: "MraId");

            migrationBuilder.CreateIndex(
                name: "IX_mr_replica_entries_Tin_Partner",
                table: "mr_replica_entries",
                columns: new[] { "Tin", "Partner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mr_log_entries");

            migrationBuilder.DropTable(
                name: "mr_log_nodes");

            migrationBuilder.DropTable(
                name: "mr_log_tree_heads");

            migrationBuilder.DropTable(
                name: "mr_partners");

            migrationBuilder.DropTable(
                name: "mr_published_operators");

            migrationBuilder.DropTable(
                name: "mr_publisher");

            migrationBuilder.DropTable(
                name: "mr_replica_entries");

            migrationBuilder.DropTable(
                name: "mr_replica_frontier");

            migrationBuilder.DropTable(
                name: "mr_data_sharing");

            migrationBuilder.DropTable(
                name: "mr_mras");
        }
    }
}
