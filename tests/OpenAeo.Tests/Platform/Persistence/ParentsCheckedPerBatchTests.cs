using Npgsql;
using OpenAeo.Clearance;

namespace OpenAeo.Tests.Platform.Persistence;

/// <summary>
/// The import writes a declaration's items, events and agency cases with PostgreSQL's per-row foreign-key checks off and
/// proves the parents once a batch instead (ADR 0067). A child naming a missing parent must still fail, the per-row checks
/// must be back after each batch, and where the checks may not be turned off they stay.
/// </summary>
public class Parents_checked_per_batch
{
    private static readonly Type[] Children = [typeof(DeclarationItemRow), typeof(DeclarationEvent), typeof(AgencyCase)];

    [Fact]
    public async Task On_postgres_a_batch_naming_a_missing_declaration_fails_and_the_per_row_checks_are_on_again_after_each()
    {
        await using var app = await OpenAeoApp.On("Postgres");
        var present = NewDeclaration("PRESENT-1");
        var missing = Guid.CreateVersion7();
        await app.WithDb(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var parents = await ParentsCheckedPerBatch.ForAsync<Declaration>(db, CancellationToken.None, Children);
            parents.PerBatch.ShouldBeTrue("the test server's role may set session_replication_role");
            await db.InsertAsync([present], CancellationToken.None);
            await parents.WriteAsync([present.Id], () => db.InsertAsync(Items(present.Id), CancellationToken.None), CancellationToken.None);
            (await ReplicationRole(db)).ShouldBe("origin");

            // Between batches the database checks each row again: an orphan written outside a batch is refused by the key.
            await tx.CreateSavepointAsync("orphan");
            var refused = await Should.ThrowAsync<PostgresException>(() => db.InsertAsync(Items(missing), CancellationToken.None));
            refused.SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation);
            await tx.RollbackToSavepointAsync("orphan");

            var thrown = await Should.ThrowAsync<InvalidOperationException>(() =>
                parents.WriteAsync(
                    [present.Id, missing],
                    () => db.InsertAsync(Items(missing), CancellationToken.None),
                    CancellationToken.None
                )
            );
            thrown.Message.ShouldStartWith("1 of 2 parent rows");
            (await ReplicationRole(db)).ShouldBe("origin");
            // The import rolls back on this exception: its transaction is disposed uncommitted.
        });
    }

    [Fact]
    public async Task On_postgres_a_role_that_may_not_turn_the_checks_off_keeps_them_row_by_row_in_a_usable_transaction()
    {
        await using var app = await OpenAeoApp.On("Postgres");
        var role = $"openaeo_limited_{Guid.NewGuid():N}"[..32];
        await app.WithDb(async db =>
        {
            // A role name cannot be a parameter; this one is made here of hex digits.
            var create =
                $"CREATE ROLE {role} NOLOGIN; GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}; "
                + $"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}";
            var become = $"SET LOCAL ROLE {role}";
            var drop = $"DROP OWNED BY {role}; DROP ROLE {role}";
            await db.Database.ExecuteSqlRawAsync(create);
            try
            {
                var present = NewDeclaration("PRESENT-2");
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync(become);
                var parents = await ParentsCheckedPerBatch.ForAsync<Declaration>(db, CancellationToken.None, Children);
                parents.PerBatch.ShouldBeFalse();
                await db.InsertAsync([present], CancellationToken.None);
                await parents.WriteAsync(
                    [present.Id],
                    () => db.InsertAsync(Items(present.Id), CancellationToken.None),
                    CancellationToken.None
                );
                var refused = await Should.ThrowAsync<PostgresException>(() =>
                    parents.WriteAsync(
                        [present.Id],
                        () => db.InsertAsync(Items(Guid.CreateVersion7()), CancellationToken.None),
                        CancellationToken.None
                    )
                );
                refused.SqlState.ShouldBe(PostgresErrorCodes.ForeignKeyViolation);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(drop);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_postgres_and_only_children_whose_every_key_names_the_parent_are_checked_per_batch(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await app.WithDb(async db =>
        {
            var elsewhere = db
                .Model.GetEntityTypes()
                .First(t => t.GetForeignKeys().Any(f => f.PrincipalEntityType.ClrType != typeof(Declaration)))
                .ClrType;
            await using var tx = await db.Database.BeginTransactionAsync();
            (await ParentsCheckedPerBatch.ForAsync<Declaration>(db, CancellationToken.None, Children)).PerBatch.ShouldBe(
                provider == "Postgres"
            );
            (
                await ParentsCheckedPerBatch.ForAsync<Declaration>(db, CancellationToken.None, [.. Children, elsewhere])
            ).PerBatch.ShouldBeFalse(elsewhere.Name);
        });
    }

    private static Declaration NewDeclaration(string reference) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            OfficeTimeZone = "Asia/Taipei",
            Explanation = "{}",
        };

    private static List<DeclarationItemRow> Items(Guid declaration) => Bulk_insert.Items(declaration, 3);

    private static async Task<string> ReplicationRole(OpenAeoDb db) =>
        await db.Database.SqlQueryRaw<string>("SELECT current_setting('session_replication_role') AS \"Value\"").SingleAsync();
}
