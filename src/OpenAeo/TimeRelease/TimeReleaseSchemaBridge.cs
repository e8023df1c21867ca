using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using OpenAeo.Platform;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.TimeRelease;

/// <summary>
/// TEMPORARY, until the migrations for <c>trs_studies</c> exist (they are generated for both providers after this
/// branch is merged, together with the other branches' model changes). Without them EF Core refuses to migrate a
/// model with pending changes, and the table would not exist. While the migration snapshots lack
/// <see cref="SavedStudy"/>, this (1) lets migration proceed past that one warning and (2) creates the
/// <c>trs_</c> tables from the model after migrating, with the provider's own DDL. As soon as the snapshots
/// contain the entity it does nothing at all; delete this file and its line in <see cref="TimeReleaseModule"/>
/// then.
/// </summary>
internal static class TimeReleaseSchemaBridge
{
    public static IServiceCollection AddTimeReleaseSchemaBridge(this IServiceCollection services)
    {
        if (SnapshotLacksStudies<SqliteOpenAeoDb>())
        {
            services.ConfigureDbContext<SqliteOpenAeoDb>((_, o) => o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        }

        if (SnapshotLacksStudies<PostgresOpenAeoDb>())
        {
            services.ConfigureDbContext<PostgresOpenAeoDb>((_, o) => o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        }

        services.AddSingleton<IStartupTask, CreateMissingTables>();
        return services;
    }

    private static bool SnapshotLacksStudies<TContext>()
        where TContext : DbContext
    {
        var snapshot = typeof(TContext).Assembly.GetTypes()
            .Where(t => typeof(ModelSnapshot).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Context: t.GetCustomAttributes(typeof(DbContextAttribute), false).OfType<DbContextAttribute>().FirstOrDefault()?.ContextType))
            .FirstOrDefault(t => t.Context == typeof(TContext)).Type;
        if (snapshot is null)
        {
            return true;
        }

        var model = ((ModelSnapshot)Activator.CreateInstance(snapshot, nonPublic: true)!).Model;
        return model.FindEntityType(typeof(SavedStudy).FullName!) is null;
    }

    private sealed class CreateMissingTables : IStartupTask
    {
        public bool ServeOnly => false;

        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            var db = services.GetRequiredService<OpenAeoDb>();
            var migrations = db.GetService<IMigrationsAssembly>();
            if (migrations.ModelSnapshot?.Model.FindEntityType(typeof(SavedStudy).FullName!) is not null || await TableExists(db, ct))
            {
                return;
            }

            // What Migrator does to compute a migration, restricted to our tables.
            var snapshot = migrations.ModelSnapshot?.Model;
            if (snapshot is IMutableModel mutable)
            {
                snapshot = mutable.FinalizeModel();
            }

            if (snapshot is not null)
            {
                snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);
            }

            var model = db.GetService<IDesignTimeModel>().Model;
            var operations = db.GetService<IMigrationsModelDiffer>()
                .GetDifferences(snapshot?.GetRelationalModel(), model.GetRelationalModel())
                .Where(o => o is CreateTableOperation { Name: var t } && t.StartsWith("trs_", StringComparison.Ordinal)
                    || o is CreateIndexOperation { Table: var i } && i.StartsWith("trs_", StringComparison.Ordinal))
                .ToList();
            foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, model))
            {
                await db.Database.ExecuteSqlRawAsync(command.CommandText, ct);
            }
        }

        /// <summary>Asked on the connection itself, so EF Core does not log the expected failure as an error.</summary>
        private static async Task<bool> TableExists(OpenAeoDb db, CancellationToken ct)
        {
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened)
            {
                await connection.OpenAsync(ct);
            }

            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1 FROM trs_studies WHERE 1 = 0";
                await command.ExecuteScalarAsync(ct);
                return true;
            }
            catch (System.Data.Common.DbException)
            {
                return false;
            }
            finally
            {
                if (opened)
                {
                    await connection.CloseAsync();
                }
            }
        }
    }
}
