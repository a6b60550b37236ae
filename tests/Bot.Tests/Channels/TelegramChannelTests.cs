using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DtsAssistant.Bot.Channels;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The Telegram channel through the real Telegram.Bot client against a fake Bot API on loopback.</summary>
public sealed partial class TelegramChannelTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private readonly ScriptedEngine _engine = new();
    private FakeTelegramServer _telegram = null!;

    public async Task InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    private Dictionary<string, string?> Settings(string? webhookUrl = null) => new()
    {
        ["Telegram:BotToken"] = FakeTelegramServer.Token,
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
        ["Telegram:PollTimeoutSeconds"] = "1",
        ["Telegram:WebhookUrl"] = webhookUrl,
        ["Telegram:WebhookSecret"] = webhookUrl is null ? null : "s3cret_TOKEN-1",
    };

    private Task<ChannelTestHost> StartHostAsync(string? webhookUrl = null) =>
        ChannelTestHost.StartAsync(_folder, Settings(webhookUrl), _engine);

    [Fact]
    public async Task A_question_sent_by_long_polling_is_answered_in_the_same_chat()
    {
        await using var host = await StartHostAsync();
        _telegram.AddText(501, "hạn nộp báo cáo tháng?");

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "sendMessage"));

        var sent = Assert.Single(calls, c => c.Method == "sendMessage");
        Assert.Equal(501, sent.ChatId);
        Assert.Equal("Trả lời: hạn nộp báo cáo tháng?", sent.Text);
        var received = Assert.Single(_engine.Received);
        Assert.Equal(new IncomingMessage("telegram", "501", "501", "hạn nộp báo cáo tháng?", DisplayName: "Giáo viên 501"), received);
    }

    [Fact]
    public async Task Commands_are_registered_in_Vietnamese_at_start()
    {
        await using var host = await StartHostAsync();

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "setMyCommands"));

        var commands = calls.First(c => c.Method == "setMyCommands").Body["commands"]!.AsArray()
            .Select(c => c!["command"]!.ToString()).ToList();
        // The menu is the command table's: every command with a help line, the reminder switches included.
        Assert.Equal(["baocao", "trangthai", "bangdieukhien", "dangky", "toi", "huydangky", "dulieucuatoi", "xoadulieu", "trogiup",
            "tatnhacnho", "batnhacnho"], commands);
        Assert.All(calls.First(c => c.Method == "setMyCommands").Body["commands"]!.AsArray(),
            c => Assert.True(char.IsUpper(c!["description"]!.ToString()[0])));
        Assert.Contains(calls, c => c.Method == "deleteWebhook");
    }

    [Fact]
    public async Task A_long_reply_is_split_on_paragraphs_into_balanced_html_chunks_within_4096_characters()
    {
        await using var host = await StartHostAsync();
        _telegram.AddText(502, ScriptedEngine.LongText);

        await _telegram.WaitForAsync(c => c.Count(x => x.Method == "sendMessage") >= 3);
        await FollowUpAsync(502);

        var chunks = _telegram.Sent(502).SkipLast(1).Select(c => c.Text).ToList();
        Assert.Equal(3, chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.StartsWith($"Đoạn {i + 1}:", chunks[i]);
            Assert.True(VisibleLength(chunks[i]) <= 4096, $"chunk {i} has {VisibleLength(chunks[i])} visible characters");
            Assert.Equal(Regex.Count(chunks[i], "<b>"), Regex.Count(chunks[i], "</b>"));
            Assert.Equal(Regex.Count(chunks[i], "<i>"), Regex.Count(chunks[i], "</i>"));
            Assert.DoesNotContain("<80%>", chunks[i]);
        }
        Assert.Contains("&lt;80%&gt; &amp; chỉ tiêu", chunks[0]);
        Assert.Contains("<b>Nguồn:</b>", chunks[2]);
        Assert.All(_telegram.Sent(502), c => Assert.Equal("html", c.Body["parse_mode"]?.ToString(), ignoreCase: true));
    }

    [Fact]
    public async Task Buttons_travel_as_short_callback_data_and_a_press_comes_back_as_the_full_button_data()
    {
        await using var host = await StartHostAsync();
        _telegram.AddText(503, ScriptedEngine.ChoiceText);
        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "sendMessage"));
        var keyboard = calls.Single(c => c.Method == "sendMessage").Body["reply_markup"]!["inline_keyboard"]!.AsArray();
        var buttons = keyboard.SelectMany(row => row!.AsArray()).ToList();
        Assert.Equal(["Có", "Chưa"], buttons.Select(b => b!["text"]!.ToString()));
        var callbackData = buttons.Select(b => b!["callback_data"]!.ToString()).ToList();
        Assert.All(callbackData, d => Assert.InRange(Encoding.UTF8.GetByteCount(d), 1, 64));
        Assert.True(Encoding.UTF8.GetByteCount(ScriptedEngine.LongButtonData) > 64);

        _telegram.AddButtonPress(503, callbackData[0]);
        calls = await _telegram.WaitForAsync(c => c.Count(x => x.Method == "sendMessage") >= 2 && c.Any(x => x.Method == "answerCallbackQuery"));

        Assert.Equal(ScriptedEngine.LongButtonData, _engine.Received.Last().ButtonData);
        Assert.Equal($"Đã nhận lựa chọn: {ScriptedEngine.LongButtonData}", _telegram.Sent(503)[1].Text);
        Assert.Single(calls, c => c.Method == "answerCallbackQuery");
    }

    [Fact]
    public async Task An_unknown_button_is_answered_as_expired_and_reaches_nobody()
    {
        await using var host = await StartHostAsync();
        _telegram.AddButtonPress(504, "b:forged-token");

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "answerCallbackQuery"));

        Assert.Equal(TelegramUpdateHandler.ExpiredButton, calls.Single(c => c.Method == "answerCallbackQuery").Body["text"]?.ToString());
        // The chat's next message is handled after the press: once it is answered, the press has had its (no) effect.
        await FollowUpAsync(504);
        Assert.Equal(FollowUp, Assert.Single(_engine.Received).Text);
        Assert.Equal("Trả lời: " + FollowUp, Assert.Single(_telegram.Sent(504)).Text);
    }

    [Fact]
    public async Task A_429_is_honoured_by_waiting_retry_after_and_then_delivering()
    {
        await using var host = await StartHostAsync();
        _telegram.FailNextSends(1, retryAfterSeconds: 1);
        _telegram.AddText(505, "xin chào");

        await _telegram.WaitForAsync(c => _telegram.SentCount >= 1);

        var attempts = _telegram.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.9),
            $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
        Assert.Equal("Trả lời: xin chào", attempts[1].Text);
    }

    [Fact]
    public async Task An_update_delivered_twice_is_handled_once()
    {
        // The fake ignores the offset: every getUpdates returns the same updates again, like a redelivery.
        _telegram.ReplayConfirmedUpdates = true;
        await using var host = await StartHostAsync();
        _telegram.AddText(506, "một lần thôi");

        await _telegram.WaitForAsync(c => c.Count(x => x.Method == "getUpdates") >= 4 && c.Any(x => x.Method == "sendMessage"));

        Assert.Single(_engine.Received);
        Assert.Single(_telegram.Sent(506));
    }

    [Fact]
    public async Task A_restart_neither_loses_nor_repeats_updates()
    {
        await using (var first = await StartHostAsync())
        {
            for (var i = 1; i <= 5; i++)
            {
                _telegram.AddText(507, $"tin {i}");
            }
            await _telegram.WaitForAsync(_ => _telegram.Sent(507).Count == 5);
        }
        // Arrive while the bot is down.
        for (var i = 6; i <= 8; i++)
        {
            _telegram.AddText(507, $"tin {i}");
        }
        await using (var second = await StartHostAsync())
        {
            await _telegram.WaitForAsync(_ => _telegram.Sent(507).Count >= 8);
            // A repeat of an earlier update would be handled before this one.
            await FollowUpAsync(507);
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"tin {i}").Append(FollowUp), _engine.Received.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"Trả lời: tin {i}").Append("Trả lời: " + FollowUp), _telegram.Sent(507).Select(c => c.Text));
        // The second process resumed from the stored offset, not from the start of the queue.
        var firstPollOfSecondHost = _telegram.Calls.Where(c => c.Method == "getUpdates").Select(c => c.Body["offset"]?.GetValue<int>())
            .SkipWhile(o => o is null || o < 1005).First();
        Assert.Equal(1005, firstPollOfSecondHost);
    }

    [Fact]
    public async Task An_update_stored_but_not_handled_before_a_crash_is_handled_at_the_next_start()
    {
        // What a crash right after the webhook answered 200 (or after a poll was stored) leaves behind.
        using (var crashed = new ChannelStateStore(Path.Combine(_folder, "channels.db"), TimeProvider.System))
        {
            crashed.AddToInbox([new InboxItem("telegram", "77", "515", FakeTelegramServer.TextUpdateJson(77, 515, "còn dở"))]);
        }

        await using var host = await StartHostAsync();
        await _telegram.WaitForAsync(_ => _telegram.Sent(515).Count == 1);

        Assert.Equal("Trả lời: còn dở", _telegram.Sent(515)[0].Text);
        // Marked done right after the reply went out.
        var store = host.Services.GetRequiredService<ChannelStateStore>();
        for (var i = 0; i < 100 && store.PendingInbox("telegram").Count > 0; i++)
        {
            await Task.Delay(20);
        }
        Assert.Empty(store.PendingInbox("telegram"));
    }

    [Fact]
    public async Task Shutdown_waits_for_an_update_being_handled_to_finish_and_reply()
    {
        _engine.Delay = TimeSpan.FromSeconds(1.5);
        var host = await StartHostAsync();
        _telegram.AddText(508, "chậm");
        while (_engine.Received.IsEmpty)
        {
            await Task.Delay(20);
        }

        await host.DisposeAsync();

        Assert.Equal("Trả lời: chậm", Assert.Single(_telegram.Sent(508)).Text);
    }

    [Fact]
    public async Task A_sticker_gets_a_short_Vietnamese_reply_saying_what_works()
    {
        await using var host = await StartHostAsync();
        _telegram.AddSticker(509);

        await _telegram.WaitForAsync(_ => _telegram.Sent(509).Count == 1);

        Assert.Contains("chỉ đọc được tin nhắn chữ", _telegram.Sent(509)[0].Text);
        Assert.Contains("/baocao", _telegram.Sent(509)[0].Text);
        Assert.Empty(_engine.Received);
    }

    [Fact]
    public async Task An_export_is_sent_as_a_document()
    {
        await using var host = await StartHostAsync();
        _telegram.AddText(510, ScriptedEngine.FileText);

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "sendDocument"));

        var document = calls.Single(c => c.Method == "sendDocument");
        Assert.Equal(510, document.ChatId);
        var file = Assert.Single(document.Body["files"]!.AsArray());
        Assert.Equal("tong-hop.csv", file!["file_name"]?.ToString());
        Assert.True(file["length"]!.GetValue<long>() > 10);
    }

    [Fact]
    public async Task A_chart_is_sent_as_a_photo_not_a_document()
    {
        await using var host = await StartHostAsync();
        _telegram.AddText(515, ScriptedEngine.PictureText);

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "sendPhoto"));

        var photo = calls.Single(c => c.Method == "sendPhoto");
        Assert.Equal(515, photo.ChatId);
        Assert.Equal("bieudo.png", Assert.Single(photo.Body["files"]!.AsArray())!["file_name"]?.ToString());
        Assert.DoesNotContain(calls, c => c.Method == "sendDocument" && c.ChatId == 515);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_marked_and_not_tried_again()
    {
        await using var host = await StartHostAsync();
        _telegram.Block(511);
        var sender = host.Services.GetRequiredService<TelegramSender>();

        await sender.BroadcastAsync([511, 512], new Reply("Nhắc hạn nộp báo cáo tháng"), CancellationToken.None);
        await sender.BroadcastAsync([511, 512], new Reply("Nhắc lần hai"), CancellationToken.None);

        Assert.Single(_telegram.Calls, c => c.Method == "sendMessage" && c.ChatId == 511);
        Assert.Equal(2, _telegram.Sent(512).Count);
    }

    [Fact]
    public async Task A_webhook_call_with_a_wrong_secret_is_rejected_and_nothing_is_processed()
    {
        await using var host = await StartHostAsync("https://bot.example.vn/telegram/webhook");
        var setWebhook = (await _telegram.WaitForAsync(c => c.Any(x => x.Method == "setWebhook"))).First(c => c.Method == "setWebhook");
        Assert.Equal("s3cret_TOKEN-1", setWebhook.Body["secret_token"]?.ToString());

        foreach (var secret in new[] { null, "", "s3cret_TOKEN-2", "s3cret_TOKEN-1x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
            {
                Content = new StringContent(FakeTelegramServer.TextUpdateJson(9001, 513, "giả mạo"), Encoding.UTF8, "application/json"),
            };
            if (secret is not null)
            {
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        // A genuine update for the same chat afterwards: once it is answered, a rejected one would have been too.
        await PostWebhookAsync(host, 9010, 513, FollowUp);
        await _telegram.WaitForAsync(_ => _telegram.Sent(513).Count >= 1);
        Assert.Equal(FollowUp, Assert.Single(_engine.Received).Text);
        Assert.Equal("Trả lời: " + FollowUp, Assert.Single(_telegram.Sent(513)).Text);
        Assert.DoesNotContain(_telegram.Calls, c => c.Method == "getUpdates");
    }

    [Fact]
    public async Task A_webhook_retry_of_the_same_update_is_handled_once()
    {
        await using var host = await StartHostAsync("https://bot.example.vn/telegram/webhook");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
            {
                Content = new StringContent(FakeTelegramServer.TextUpdateJson(9002, 514, "qua webhook"), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "s3cret_TOKEN-1");
            Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(request)).StatusCode);
        }

        await _telegram.WaitForAsync(_ => _telegram.Sent(514).Count >= 1);
        // The chat's next update is handled after any copy of the first: once it is answered, a copy would have been too.
        await PostWebhookAsync(host, 9003, 514, FollowUp);
        await _telegram.WaitForAsync(_ => _telegram.Sent(514).Count >= 2);

        Assert.Equal(["qua webhook", FollowUp], _engine.Received.Select(m => m.Text));
        Assert.Equal(["Trả lời: qua webhook", "Trả lời: " + FollowUp], _telegram.Sent(514).Select(c => c.Text));
    }

    private const string FollowUp = "tin tiếp theo";

    /// <summary>
    /// Sends the chat's next message and waits for its reply. One chat's updates are handled in order, so by then
    /// everything an earlier update would send has been sent: "exactly once" and "nothing" can be checked without sleeping.
    /// </summary>
    private async Task FollowUpAsync(long chatId)
    {
        _telegram.AddText(chatId, FollowUp);
        await _telegram.WaitForAsync(_ => _telegram.Sent(chatId).Any(c => c.Text == "Trả lời: " + FollowUp), TimeSpan.FromSeconds(30));
    }

    private static async Task PostWebhookAsync(ChannelTestHost host, int updateId, long chatId, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
        {
            Content = new StringContent(FakeTelegramServer.TextUpdateJson(updateId, chatId, text), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "s3cret_TOKEN-1");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(request)).StatusCode);
    }

    /// <summary>Characters as Telegram counts them after entity parsing.</summary>
    private static int VisibleLength(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, "")).Length;

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
