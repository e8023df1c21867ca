using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenAeo.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatusTruth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mr_published_events",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    EntryIndex = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mr_published_events", x => x.EventId);
                });

            // Events at or below the old cursor were read by the publisher: they go into the record as handled (without
            // the entry index, which the cursor never kept). An event the cursor skipped because it committed out of id
            // order cannot be told apart any more; later events are published exactly once.
            migrationBuilder.Sql("""
                INSERT INTO mr_published_events ("EventId", "EntryIndex")
                SELECT e."Id", NULL FROM cert_certificate_events e
                WHERE e."Id" <= (SELECT COALESCE(MAX(p."LastEventId"), 0) FROM mr_publisher p)
                """);

            migrationBuilder.DropTable(
                name: "mr_publisher");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.Sql("""
                INSERT INTO mr_publisher ("Id", "LastEventId")
                SELECT 1, COALESCE(MAX("EventId"), 0) FROM mr_published_events
                """);

            migrationBuilder.DropTable(
                name: "mr_published_events");
        }
    }
}
