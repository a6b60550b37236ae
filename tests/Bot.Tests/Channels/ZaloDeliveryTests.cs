using System.Collections.Concurrent;
using System.Text;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Cli;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static DtsAssistant.Bot.Tests.Channels.ZaloTestKit;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>Sending as Zalo allows it: rate-limit errors retried, the overall cap, files as attachments, people out of reach.</summary>
public sealed class ZaloDeliveryTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private readonly FileEngine _engine = new();
    private FakeZaloServer _zalo = null!;

    public async Task InitializeAsync() => _zalo = await FakeZaloServer.StartAsync();

    public async Task DisposeAsync() => await _zalo.DisposeAsync();

    [Fact]
    public async Task Minus_32_in_an_HTTP_200_body_is_retried_through_the_queue_after_the_delay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, clock);
        await UntilAsync(() => _zalo.Refreshes == 1, "the refresh at start");
        _zalo.RateLimitNext(1);

        await PostAsync(host, TextEvent("d1", "quá tải", "q1", clock.GetUtcNow()));
        await UntilAsync(() => _zalo.Refused.Count == 1, "the -32 answer");
        var queue = host.Services.GetRequiredService<ZaloSender>().Queue;
        var wakeAt = await queue.WhenParkedAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Nothing was sent or dropped: the message waits 30 s (simulated) in the queue.
        Assert.Equal(new ZaloRefused("d1", -32), Assert.Single(_zalo.Refused));
        Assert.Empty(_zalo.Sent);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), wakeAt);

        clock.Advance(TimeSpan.FromSeconds(30));
        var sent = await _zalo.WaitForReplyAsync("d1", "Trả lời: quá tải");
        Assert.Single(sent);
        Assert.Equal(2, _zalo.MessageCalls);
    }

    [Fact]
    public async Task All_Zalo_sends_together_stay_within_4000_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        var sentAt = new ConcurrentBag<TimeSpan>();
        await using var queue = new OutgoingQueue("zalo", ZaloSender.Limits(new ZaloOptions()), clock, NullLogger.Instance);

        // 4,100 people each get one reply at once (replies are not held back by the bulk rate, only by the overall cap).
        var all = Task.WhenAll(Enumerable.Range(1, 4_100).Select(i => queue.SendAsync($"p{i}", SendKind.Reply, _ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            return Task.CompletedTask;
        })));
        while (!all.IsCompleted)
        {
            var wake = await queue.WhenParkedAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (wake is { } at && at > clock.GetUtcNow())
            {
                clock.Advance(at - clock.GetUtcNow());
            }
        }
        await all;

        var times = sentAt.Order().ToList();
        Assert.Equal(4_100, times.Count);
        for (var i = 0; i + 4_000 < times.Count; i++)
        {
            // Any 4,001 consecutive sends span at least a minute.
            Assert.True(times[i + 4_000] - times[i] >= TimeSpan.FromMinutes(1), $"sends {i}..{i + 4_000} within {times[i + 4_000] - times[i]}");
        }
        Assert.Equal(20, times.Count(t => t == TimeSpan.Zero));
    }

    [Fact]
    public async Task A_document_is_uploaded_with_upload_file_and_sent_as_an_attachment()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine);

        await PostAsync(host, TextEvent("d2", "pdf", "q2", DateTimeOffset.UtcNow));

        var sent = await _zalo.WaitForAsync(s => s.Any(x => x.Attachment is not null));
        Assert.Equal("Biên bản đây.", sent[0].Text);
        var file = sent[1].Attachment!;
        Assert.Equal(("file", "bien-ban.pdf"), (file.Type, file.FileName));
        Assert.Equal(FileEngine.Pdf, file.Content);
        Assert.DoesNotContain(sent, s => s.Text.Contains("Tải tệp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chart_is_uploaded_with_upload_image_and_sent_as_a_picture()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine);

        await PostAsync(host, TextEvent("d3", "png", "q3", DateTimeOffset.UtcNow));

        var sent = await _zalo.WaitForAsync(s => s.Any(x => x.Attachment is not null));
        Assert.Equal(("image", "bieu-do.png"), (sent[1].Attachment!.Type, sent[1].Attachment!.FileName));
        Assert.Equal(FileEngine.Png, sent[1].Attachment!.Content);
    }

    [Fact]
    public async Task A_spreadsheet_goes_as_a_link_and_a_refused_upload_falls_back_to_the_link()
    {
        var settings = new Dictionary<string, string?> { ["Channels:PublicBaseUrl"] = "https://dts.example.vn" };
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, settings: settings))
        {
            await PostAsync(host, TextEvent("d4", "xlsx", "q4", DateTimeOffset.UtcNow));
            var sent = await _zalo.WaitForReplyAsync("d4", "Tải tệp tong-hop.xlsx: https://dts.example.vn/files/");
            Assert.Single(sent);
        }
        // Told to try .xlsx as a file: Zalo refuses the type, and the person still gets the link.
        settings["Zalo:UploadFileTypes:0"] = ".xlsx";
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, settings: settings))
        {
            await PostAsync(host, TextEvent("d4", "xlsx", "q5", DateTimeOffset.UtcNow));
            var sent = await _zalo.WaitForAsync(s => s.Count == 3);
            Assert.Equal("Bảng tổng hợp đây.", sent[1].Text);
            Assert.StartsWith("Tải tệp tong-hop.xlsx: https://dts.example.vn/files/", sent[2].Text, StringComparison.Ordinal);
            Assert.All(sent, s => Assert.Null(s.Attachment));
        }
    }

    [Fact]
    public async Task Minus_230_and_minus_213_are_not_retried_the_person_is_marked_unreachable_until_they_write_again()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine);
        var store = host.Services.GetRequiredService<ChannelStateStore>();
        var sender = host.Services.GetRequiredService<ZaloSender>();
        _zalo.OutsideReplyWindow("quiet");
        _zalo.NotFollower("gone");

        var reminder = new Reply("Nhắc hạn: đơn vị chưa nộp báo cáo tháng 11, hạn ngày 20/11.");
        await sender.BroadcastAsync(["quiet", "gone", "active"], reminder, CancellationToken.None);

        Assert.Equal("active", Assert.Single(_zalo.Sent).UserId);
        Assert.Equal([new ZaloRefused("gone", -213), new ZaloRefused("quiet", -230)], _zalo.Refused.OrderBy(r => r.UserId));
        var calls = _zalo.MessageCalls;
        Assert.False(store.IsReachable("zalo", "quiet"));
        Assert.False(store.IsReachable("zalo", "gone"));
        Assert.True(store.IsReachable("zalo", "active"));
        var unreachable = store.UnreachableChats().OrderBy(c => c.Chat).ToList();
        Assert.Equal([("gone", Unreachable.NotFollower), ("quiet", Unreachable.OutsideReplyWindow)], unreachable.Select(c => (c.Chat, c.Reason)));
        Assert.All(unreachable, c => Assert.Equal((1, reminder.Text), (c.UndeliveredMessages, c.LastText)));

        // The next reminder is not even tried; Sở staff see who and why.
        await sender.BroadcastAsync(["quiet"], reminder, CancellationToken.None);
        Assert.Equal(calls, _zalo.MessageCalls);
        var listing = new StringWriter();
        ChannelsCommand.PrintUnreachable(store.UnreachableChats(), new Dictionary<(string, string), string> { [("zalo", "quiet")] = "Nguyễn Thị A — Trường MN Hoa Sen" }, listing);
        Assert.Contains("2 người không nhận được tin nhắn", listing.ToString());
        Assert.Contains("zalo\tquiet\tNguyễn Thị A — Trường MN Hoa Sen\tquá 7 ngày chưa nhắn cho OA", listing.ToString());
        Assert.Contains("zalo\tgone\t(chưa đăng ký)\tchưa quan tâm (theo dõi) OA", listing.ToString());

        // Writing to the OA opens the reply window again.
        _zalo.MakeReachable("quiet");
        await PostAsync(host, TextEvent("quiet", "tôi đây", "q6", DateTimeOffset.UtcNow));
        await _zalo.WaitForReplyAsync("quiet", "Trả lời: tôi đây");
        Assert.True(store.IsReachable("zalo", "quiet"));
        Assert.Equal(["gone"], store.UnreachableChats().Select(c => c.Chat));

        // Following the OA again (a signed "follow" event) makes the other one reachable too.
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var follow = "{\"event_name\":\"follow\",\"app_id\":\"" + AppId + "\",\"oa_id\":\"1646843870823903717\",\"follower\":{\"id\":\"gone\"},"
                     + "\"source\":\"oa_profile\",\"timestamp\":\"" + at + "\"}";
        Assert.Equal(System.Net.HttpStatusCode.OK, await PostAsync(host, follow));
        Assert.Empty(store.UnreachableChats());
    }

    /// <summary>A core that answers with a file by its type, for the attachment paths.</summary>
    private sealed class FileEngine : IConversationEngine
    {
        public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% biên bản\n%%EOF\n");
        public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        public Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Reply>>(message.Text switch
            {
                "pdf" => [new Reply("Biên bản đây.", File: new ReplyFile("bien-ban.pdf", "application/pdf", Pdf))],
                "png" => [new Reply("Biểu đồ đây.", File: new ReplyFile("bieu-do.png", "image/png", Png))],
                "xlsx" => [new Reply("Bảng tổng hợp đây.", File: new ReplyFile("tong-hop.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 3, 4]))],
                _ => [new Reply($"Trả lời: {message.Text}")],
            });
    }
}
