using System.Security.Cryptography;
using System.Text;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Directory;

/// <summary>Invite codes under a keyed hash: the database alone cannot check a guess, and holds no part of a code.</summary>
public abstract class InviteKeyTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task The_stored_hash_is_keyed_and_no_part_of_the_code_is_stored()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
        var plain = invite.Code.Replace("-", "", StringComparison.Ordinal);

        await using var db = World.Database.CreateDbContext();
        var stored = await db.Invites.SingleAsync();
        var unkeyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(plain)));
        Assert.NotEqual(unkeyed, stored.CodeHash);
        Assert.Equal(64, stored.CodeHash.Length);
        var row = string.Join("|", stored.CodeHash, stored.CreatedBy, stored.Id);
        for (var i = 0; i + 4 <= plain.Length; i++)
        {
            Assert.DoesNotContain(plain.Substring(i, 4), row, StringComparison.OrdinalIgnoreCase);
        }
    }

    [DbFact]
    public async Task The_same_database_with_another_key_cannot_verify_the_right_code()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
        var otherKey = new InviteKey(Path.Combine(Path.GetTempPath(), "dts-key-" + Guid.NewGuid().ToString("N"), "invite.key"));
        var attacker = new DirectoryService(World.Database, new FakeTimeProvider(ReportingWorld.DefaultNow), otherKey);

        Assert.Equal(RedeemOutcome.InvalidCode, (await attacker.RedeemInviteAsync("telegram", "thief", "X", invite.Code)).Outcome);
        Assert.Equal(RedeemOutcome.Bound, (await World.Directory.RedeemInviteAsync("telegram", "owner", "Cô Lan", invite.Code)).Outcome);
    }
}

public sealed class InviteKeyTests_on_Sqlite(SqliteFixture fixture) : InviteKeyTests(fixture), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task A_copy_of_the_database_file_alone_cannot_verify_a_guess_and_the_key_file_is_0600()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-invitekey-");
        var copyFolder = System.IO.Directory.CreateTempSubdirectory("dts-invitekey-copy-");
        try
        {
            var file = Path.Combine(folder.FullName, "dts.db");
            using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
            var world = new ReportingWorld(database);
            await world.WithSmallDirectoryAsync();
            var invite = (await world.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
            var keyFile = Path.Combine(folder.FullName, "dts.invite-key");
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            // What a thief of the database file holds: the file (checkpointed), not the key next to it.
            await using (var db = database.CreateDbContext())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            var copy = Path.Combine(copyFolder.FullName, "dts.db");
            File.Copy(file, copy);
            using var stolen = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={copy};Pooling=False");
            var thief = new ReportingWorld(stolen);

            Assert.Equal(RedeemOutcome.InvalidCode, (await thief.Directory.RedeemInviteAsync("telegram", "thief", "X", invite.Code)).Outcome);
            Assert.DoesNotContain(invite.Code.Replace("-", "", StringComparison.Ordinal)[^4..], Encoding.ASCII.GetString(await File.ReadAllBytesAsync(copy)));
            Assert.Equal(RedeemOutcome.Bound, (await world.Directory.RedeemInviteAsync("telegram", "owner", "Cô Lan", invite.Code)).Outcome);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            copyFolder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Upgrading_revokes_open_invites_with_unkeyed_hashes_and_drops_their_hints()
    {
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, await Fixture.CreateEmptyDatabaseAsync());
        await using (var db = database.CreateDbContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await database.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_Websec_InviteKeyedHash", StringComparison.Ordinal)) - 1]);
            var unkeyed = Convert.ToHexStringLower(SHA256.HashData("ABCDEFGHJK"u8));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO invites (\"CodeHash\", \"CodeHint\", \"Role\", \"CreatedAt\", \"ExpiresAt\", \"CreatedBy\") VALUES ({0}, 'GHJK', 'Admin', 1, 9999999999999, 'cli')", unkeyed);
        }

        await database.MigrateAsync();

        await using (var db = database.CreateDbContext())
        {
            var invite = await db.Invites.SingleAsync();
            Assert.StartsWith("unkeyed-", invite.CodeHash);
            Assert.NotNull(invite.RevokedAt);
        }
    }
}

public sealed class InviteKeyTests_on_Postgres(PostgresFixture fixture) : InviteKeyTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
