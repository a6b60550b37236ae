using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>
/// One server with the real composition (knowledge base, SQLite reporting database with the sample directory,
/// conversation core) and both fake platforms, shared by the tests of <see cref="RealCoreChannelTests"/>.
/// </summary>
public sealed class RealCoreFixture : IAsyncLifetime
{
    public const string ZaloAppId = "4455";
    public const string ZaloSecret = "oa-secret";

    private readonly string _folder = TestData.NewFolder();

    internal ChannelTestHost Host { get; private set; } = null!;

    public FakeTelegramServer Telegram { get; private set; } = null!;

    public FakeZaloServer Zalo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telegram = await FakeTelegramServer.StartAsync();
        Zalo = await FakeZaloServer.StartAsync();
        Host = await ChannelTestHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = Telegram.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Zalo:AppId"] = ZaloAppId,
            ["Zalo:OaSecretKey"] = ZaloSecret,
            ["Zalo:AppSecretKey"] = "app-secret",
            ["Zalo:AccessToken"] = "access-0",
            ["Zalo:RefreshToken"] = "refresh-0",
            ["Zalo:OpenApiBaseUrl"] = Zalo.BaseUrl,
            ["Zalo:OAuthBaseUrl"] = Zalo.BaseUrl,
        }, engine: null);
    }

    /// <summary>A fresh one-time invite for the focal point of the n-th primary school of the sample directory (one school per test).</summary>
    public async Task<string> FocalPointInviteAsync(int school)
    {
        var database = Host.Services.GetRequiredService<ReportingDatabase>();
        string unit;
        await using (var db = await database.OpenAsync())
        {
            unit = await db.Units.Where(u => u.Kind == UnitKind.Primary).OrderBy(u => u.Code).Select(u => u.Code).Skip(school).FirstAsync();
        }
        var invites = await Host.Services.GetRequiredService<IDirectoryService>()
            .CreateInvitesAsync(Caller.System("test"), unit, Role.FocalPoint, 1);
        return invites[0].Code;
    }

    /// <summary>A fresh one-time invite for a commune officer of the sample directory's first commune.</summary>
    public async Task<string> CommuneOfficerInviteAsync()
    {
        var database = Host.Services.GetRequiredService<ReportingDatabase>();
        string commune;
        await using (var db = await database.OpenAsync())
        {
            commune = await db.Communes.OrderBy(c => c.Code).Select(c => c.Code).FirstAsync();
        }
        var invites = await Host.Services.GetRequiredService<IDirectoryService>()
            .CreateInvitesAsync(Caller.System("test"), commune, Role.CommuneOfficer, 1);
        return invites[0].Code;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Telegram.DisposeAsync();
        await Zalo.DisposeAsync();
    }
}

/// <summary>
/// Conversations through the real core over each channel: the real client code against the fake platforms,
/// a real knowledge answer with its citations, and a whole monthly report filed with buttons.
/// </summary>
public sealed class RealCoreChannelTests(RealCoreFixture fixture) : IClassFixture<RealCoreFixture>
{
    private const string Question = "Hạn nộp báo cáo tháng về chuyển đổi số là khi nào?";

    /// <summary>The monthly deadline as the plan states it ("trước ngày 20"), not any "20" such as the year 2025.</summary>
    private static readonly System.Text.RegularExpressions.Regex DeadlineDay = new(@"ngày 20(?!\d)");

    /// <summary>A reply is complete when its last message asks a question ("Câu k/n"), shows the summary or gives the receipt.</summary>
    private static bool IsStepEnd(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"Câu \d+/\d+") || text.Contains("Gửi báo cáo", StringComparison.Ordinal)
        || text.Contains("Tóm tắt", StringComparison.Ordinal) || text.Contains("Đã nhận báo cáo", StringComparison.Ordinal);

    /// <summary>What a person does when a filing question appears: tap the first answer button (then "Xong" for several choices), or type "1".</summary>
    internal static (string? Button, string? Text) NextFilingStep(IReadOnlyList<(string Label, string Data)> buttons)
    {
        if (buttons.FirstOrDefault(b => b.Label == "Gửi báo cáo") is { Data: not null } submit)
        {
            return (submit.Data, null);
        }
        // A question of several choices: pick the first option, then "Xong".
        if (buttons.FirstOrDefault(b => b.Label == "Xong") is { Data: not null } done && buttons.Any(b => b.Label.StartsWith("✅", StringComparison.Ordinal)))
        {
            return (done.Data, null);
        }
        var answer = buttons.FirstOrDefault(b => b.Label is not ("Bỏ qua" or "Tạm dừng" or "Quay lại")
                                                 && !b.Label.StartsWith("Giữ nguyên", StringComparison.Ordinal));
        return answer.Data is not null ? (answer.Data, null) : (null, "1");
    }

    [Fact]
    public async Task A_question_on_Telegram_gets_the_knowledge_answer_with_its_sources()
    {
        var telegram = fixture.Telegram;
        telegram.AddText(7001, Question);

        var answer = (await telegram.WaitForAsync(_ => telegram.Sent(7001).Count >= 1, TimeSpan.FromSeconds(60)))
            .First(c => c.Method == "sendMessage" && c.ChatId == 7001).Text;

        Assert.Contains("<b>Nguồn:</b>", answer);
        Assert.Matches(DeadlineDay, answer);
    }

    [Fact]
    public async Task A_focal_point_registers_and_files_a_whole_monthly_report_with_Telegram_buttons()
    {
        var telegram = fixture.Telegram;
        const long chat = 7002;
        var invite = await fixture.FocalPointInviteAsync(school: 0);
        telegram.AddText(chat, "/dangky " + invite);
        await telegram.WaitForAsync(_ => telegram.Sent(chat).Count >= 1, TimeSpan.FromSeconds(60));
        var seen = telegram.Sent(chat).Count;
        telegram.AddText(chat, "/baocao");

        var presses = 0;
        for (var step = 0; step < 60; step++)
        {
            // A reply may come in several messages: wait for the one that ends the step (its question marker).
            await telegram.WaitForAsync(_ => telegram.Sent(chat).Count > seen && IsStepEnd(telegram.Sent(chat)[^1].Text), TimeSpan.FromSeconds(30));
            var last = telegram.Sent(chat)[^1];
            if (last.Text.Contains("Đã nhận báo cáo", StringComparison.Ordinal))
            {
                break;
            }
            var buttons = last.Body["reply_markup"]?["inline_keyboard"]?.AsArray()
                .SelectMany(row => row!.AsArray()).Select(b => (b!["text"]!.ToString(), b["callback_data"]!.ToString())).ToList() ?? [];
            var (button, text) = NextFilingStep(buttons);
            seen = telegram.Sent(chat).Count;
            if (button is not null)
            {
                presses++;
                telegram.AddButtonPress(chat, button);
            }
            else
            {
                telegram.AddText(chat, text!);
            }
        }

        var receipt = telegram.Sent(chat)[^1].Text;
        Assert.Contains("Đã nhận báo cáo", receipt);
        Assert.Contains("Số tham chiếu", receipt);
        Assert.True(presses >= 5, $"only {presses} button presses");
        var answered = telegram.Calls.Count(c => c.Method == "answerCallbackQuery");
        Assert.True(answered >= presses, $"{answered} callbacks answered for {presses} presses");
        // This test's own school (the fixture is shared with other tests' filings).
        Assert.Equal(1, await CountSubmittedAsync(school: 0));
    }

    [Fact]
    public async Task A_focal_point_files_on_Zalo_by_typing_the_numbers_of_the_offered_options()
    {
        var zalo = fixture.Zalo;
        const string user = "zalo-fp-1";
        var sequence = 0;
        async Task SayAsync(string text)
        {
            var body = new JsonObject
            {
                ["event_name"] = "user_send_text",
                ["app_id"] = RealCoreFixture.ZaloAppId,
                ["sender"] = new JsonObject { ["id"] = user },
                ["recipient"] = new JsonObject { ["id"] = "oa" },
                ["message"] = new JsonObject { ["text"] = text, ["msg_id"] = $"z{++sequence}" },
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = new StringContent(body) };
            request.Headers.Add("X-ZEvent-Signature", ZaloSignature.Compute(RealCoreFixture.ZaloAppId, body,
                System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("timestamp").GetString()!, RealCoreFixture.ZaloSecret));
            Assert.True((await fixture.Host.Http.SendAsync(request)).IsSuccessStatusCode);
        }

        await SayAsync("/dangky " + await fixture.FocalPointInviteAsync(school: 1));
        await zalo.WaitForAsync(_ => zalo.SentTo(user).Count >= 1, TimeSpan.FromSeconds(60));
        var seen = zalo.SentTo(user).Count;
        await SayAsync("/baocao");
        var numbersTyped = 0;
        for (var step = 0; step < 60; step++)
        {
            await zalo.WaitForAsync(_ => zalo.SentTo(user).Count > seen && IsStepEnd(zalo.SentTo(user)[^1].Text), TimeSpan.FromSeconds(30));
            var last = zalo.SentTo(user)[^1].Text;
            if (last.Contains("Đã nhận báo cáo", StringComparison.Ordinal))
            {
                break;
            }
            // The options as the person sees them: "1. Có", "2. Chưa", ...
            var options = last.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(\d+)\. (.+)$"))
                .Where(m => m.Success).Select(m => (Label: m.Groups[2].Value, Data: m.Groups[1].Value)).ToList();
            var (number, text) = NextFilingStep(options);
            if (number is not null)
            {
                numbersTyped++;
            }
            seen = zalo.SentTo(user).Count;
            await SayAsync(number ?? text!);
        }

        Assert.Contains("Đã nhận báo cáo", zalo.SentTo(user)[^1].Text);
        Assert.True(numbersTyped >= 5, $"only {numbersTyped} options chosen by number");
        Assert.All(zalo.SentTo(user), s => Assert.InRange(s.Text.Length, 1, 2000));
    }

    [Fact]
    public async Task The_web_chat_api_answers_a_question_with_structured_citations()
    {
        var response = await fixture.Host.Http.PostAsJsonAsync("/api/chat", new { userId = "browser-test-0001", text = Question });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        var reply = body["replies"]!.AsArray()[0]!;
        Assert.Matches(DeadlineDay, reply["text"]!.ToString());
        var citation = reply["citations"]!.AsArray()[0]!;
        Assert.False(string.IsNullOrWhiteSpace(citation["document"]!.ToString()));
    }

    [Fact]
    public async Task The_web_chat_page_greets_with_the_same_words_as_start()
    {
        var page = await fixture.Host.Http.GetStringAsync("/");
        var response = await fixture.Host.Http.PostAsJsonAsync("/api/chat", new { userId = "browser-start-0001", text = "/start" });
        var start = (await response.Content.ReadFromJsonAsync<JsonObject>())!["replies"]!.AsArray()[0]!["text"]!.ToString();

        var greeting = System.Text.RegularExpressions.Regex.Match(page, "<div class=\"msg bot\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(greeting.Success);
        Assert.Equal(start.Trim(), System.Net.WebUtility.HtmlDecode(greeting.Groups[1].Value));
        Assert.Contains("/dangky", start);
    }

    [Fact]
    public async Task A_huge_web_chat_message_gets_the_engines_one_length_limit_and_changes_nothing()
    {
        var submitted = await CountSubmittedAsync();
        var response = await fixture.Host.Http.PostAsJsonAsync("/api/chat", new { text = new string('a', 9_000) });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        // 9,000 characters still fit the web chat's 16 KB body limit (larger bodies get 413, WebSessionTests).
        Assert.Contains("quá dài (9.000 ký tự)", body["replies"]!.AsArray()[0]!["text"]!.ToString());
        Assert.Contains("tối đa 4.000 ký tự", body["replies"]!.AsArray()[0]!["text"]!.ToString());
        Assert.Equal(submitted, await CountSubmittedAsync());
    }

    private async Task<int> CountSubmittedAsync()
    {
        await using var db = await fixture.Host.Services.GetRequiredService<ReportingDatabase>().OpenAsync();
        return await db.Reports.CountAsync(r => r.SubmittedVersion > 0);
    }

    private async Task<int> CountSubmittedAsync(int school)
    {
        await using var db = await fixture.Host.Services.GetRequiredService<ReportingDatabase>().OpenAsync();
        var unit = await db.Units.Where(u => u.Kind == UnitKind.Primary).OrderBy(u => u.Code).Select(u => u.Id).Skip(school).FirstAsync();
        return await db.Reports.CountAsync(r => r.UnitId == unit && r.SubmittedVersion > 0);
    }
}
