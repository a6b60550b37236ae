using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>
/// Runs when DTS_TEST_POSTGRES is set (scripts/test.sh); skipped visibly otherwise, and required when
/// DTS_TEST_REQUIRE_SERVICES=1.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES") is not { Length: > 0 }
            && Environment.GetEnvironmentVariable("DTS_TEST_REQUIRE_SERVICES") != "1")
        {
            Skip = "PostgreSQL không có sẵn: đặt DTS_TEST_POSTGRES (scripts/test.sh làm việc này).";
        }
    }
}

public sealed class PostgresConversationTests
{
    [PostgresFact]
    public async Task A_paused_filing_resumes_after_a_restart_on_postgresql()
    {
        var server = Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DTS_TEST_REQUIRE_SERVICES=1 requires DTS_TEST_POSTGRES.");
        var name = "conv_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using var chat = new ConversationHarness(postgresConnectionString: new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
            await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
            await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
            await chat.SayAsync("fp1", "/baocao");
            await chat.SayAsync("fp1", "có");
            await chat.SayAsync("fp1", "bốn lăm");
            Assert.Contains("Đã tạm dừng", await chat.SayAsync("fp1", "tạm dừng"));

            await chat.RestartAsync();
            var resumed = await chat.SayAsync("fp1", "/baocao");
            Assert.Contains("Câu 3/17", resumed);
            var stored = await chat.QueryAsync(db => db.Answers.ToDictionaryAsync(a => a.QuestionKey, a => a.Value));
            Assert.Equal("45", stored["hoat_dong_cds"]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
