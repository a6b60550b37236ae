using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DtsAssistant.Reporting.Tests.Data;

public abstract class MigrationTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task A_database_from_the_first_version_upgrades_in_place_and_keeps_its_data()
    {
        var database = new ReportingDatabase(Fixture.Provider, await Fixture.CreateEmptyDatabaseAsync());
        string first;
        await using (var db = database.CreateDbContext())
        {
            first = db.Database.GetMigrations().First();
        }

        Assert.EndsWith("_Initial", first);
        await database.MigrateAsync(first);
        await using (var db = database.CreateDbContext())
        {
            // Written with SQL of the first schema: the model of today has columns that do not exist yet.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO communes (\"Code\", \"Name\", \"IsSample\") VALUES ('X1', 'Xã Cũ', FALSE)");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO units (\"Code\", \"Name\", \"Kind\", \"IsPublic\", \"CommuneId\", \"ReportsTo\", \"IsSample\", \"Active\", \"UpdatedAt\") " +
                "SELECT 'U1', 'Trường Tiểu học Cũ', 'Primary', TRUE, \"Id\", 'Commune', FALSE, TRUE, 0 FROM communes WHERE \"Code\" = 'X1'");
            Assert.Contains(first, await db.Database.GetAppliedMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        }

        await database.MigrateAsync();

        await using (var db = database.CreateDbContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var unit = await db.Units.Include(u => u.Commune).SingleAsync();
            Assert.Equal(("U1", "Trường Tiểu học Cũ", "Xã Cũ"), (unit.Code, unit.Name, unit.Commune!.Name));
            Assert.Null(unit.Phone);
            unit.Phone = "0229 3871 234";
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("0229 3871 234", (await db.Units.SingleAsync()).Phone);
        }
    }

    [DbFact]
    public async Task Migrating_twice_is_harmless()
    {
        var database = new ReportingDatabase(Fixture.Provider, await Fixture.CreateEmptyDatabaseAsync());

        await database.MigrateAsync();
        await database.MigrateAsync();

        await using var db = await database.OpenAsync();
        Assert.Equal(0, await db.Units.CountAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}

public sealed class MigrationTests_on_Sqlite(SqliteFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task The_default_SQLite_file_is_created_under_data_in_WAL_mode()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-default-");
        try
        {
            var database = new ReportingDatabase(DatabaseProvider.Sqlite, ReportingDatabase.DefaultSqliteConnectionString(folder.FullName));
            await using (var db = await database.OpenAsync())
            {
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
            }

            Assert.True(File.Exists(Path.Combine(folder.FullName, "data", "dts.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}

public sealed class MigrationTests_on_Postgres(PostgresFixture fixture) : MigrationTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
