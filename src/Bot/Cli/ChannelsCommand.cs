using System.Globalization;
using DtsAssistant.Bot.Channels;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>zalo tokens status</c> shows whether a Zalo token pair is stored and until when it is valid (never the tokens);
/// <c>zalo tokens reset --yes</c> forgets the stored pair, so the next start loads the configured one (after the OA
/// was authorised again). <c>people unreachable</c> lists who cannot be reached on a channel and why.
/// Run them while the server is stopped: a running server keeps using the pair it holds.
/// </summary>
internal static class ChannelsCommand
{
    public static Task<int> ZaloAsync(string[] args) => Task.FromResult(Zalo(args, StatePath(), Console.Out));

    public static int Zalo(string[] args, string statePath, TextWriter output)
    {
        switch (args)
        {
            case ["tokens", "status"]:
            {
                using var store = new ChannelStateStore(statePath, TimeProvider.System);
                var expires = long.TryParse(store.Get(ZaloTokens.ExpiresKey), CultureInfo.InvariantCulture, out var ms)
                    ? VietnamTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(ms)).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) + " (giờ Việt Nam)"
                    : "chưa rõ (chưa làm mới lần nào)";
                output.WriteLine(store.Get(ZaloTokens.RefreshKey) is { Length: > 0 }
                    ? $"Đã lưu cặp token Zalo; access token hết hạn lúc {expires}."
                    : "Chưa lưu cặp token Zalo nào; lần chạy tới sẽ dùng cặp trong cấu hình (Zalo__AccessToken, Zalo__RefreshToken).");
                return 0;
            }
            case ["tokens", "reset", "--yes"]:
            {
                using var store = new ChannelStateStore(statePath, TimeProvider.System);
                var removed = store.Delete(ZaloTokens.Keys);
                output.WriteLine(removed > 0
                    ? "Đã xóa cặp token Zalo đã lưu. Lần chạy tới sẽ dùng cặp trong cấu hình (Zalo__AccessToken, Zalo__RefreshToken)."
                    : "Không có cặp token Zalo nào đã lưu.");
                return 0;
            }
            case ["tokens", "reset"]:
                Console.Error.WriteLine("Lệnh này xóa cặp token Zalo đang dùng. Gõ lại với --yes để xác nhận (hãy dừng máy chủ trước).");
                return 2;
            default:
                Console.Error.WriteLine("""
                    Cách dùng:
                      zalo tokens status           cặp token Zalo đã lưu còn hạn đến khi nào
                      zalo tokens reset --yes      xóa cặp đã lưu; lần chạy tới dùng cặp trong cấu hình
                    """);
                return 2;
        }
    }

    /// <summary><c>people unreachable</c>: who cannot be reached, on which channel, why and since when, with their name and unit when registered.</summary>
    public static async Task<int> PeopleAsync(string[] args)
    {
        if (args is not ["unreachable"])
        {
            Console.Error.WriteLine("Cách dùng: people unreachable     những người không nhận được tin nhắn và lý do");
            return 2;
        }
        using var store = new ChannelStateStore(StatePath(), TimeProvider.System);
        var chats = store.UnreachableChats();
        var names = new Dictionary<(string, string), string>();
        try
        {
            await using var services = ImportCommand.BuildReportingServices();
            foreach (var contact in await services.GetRequiredService<IDirectoryService>().FocalPointsAsync())
            {
                names[(contact.Channel, contact.PlatformUserId)] = $"{contact.DisplayName} — {contact.Unit.Name}";
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"Không đọc được danh bạ ({ex.Message}); chỉ hiện mã người dùng.");
        }
        PrintUnreachable(chats, names, Console.Out);
        return 0;
    }

    public static void PrintUnreachable(IReadOnlyList<UnreachableChat> chats, IReadOnlyDictionary<(string, string), string> names, TextWriter output)
    {
        if (chats.Count == 0)
        {
            output.WriteLine("Mọi người đều nhận được tin nhắn.");
            return;
        }
        output.WriteLine($"{chats.Count} người không nhận được tin nhắn (tự hết khi họ nhắn lại cho bot):");
        foreach (var chat in chats)
        {
            var who = names.TryGetValue((chat.Channel, chat.Chat), out var name) ? name : "(chưa đăng ký)";
            var since = VietnamTime.ToLocal(chat.Since).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
            output.WriteLine($"{chat.Channel}\t{chat.Chat}\t{who}\t{Unreachable.Describe(chat.Reason)}\ttừ {since}\t{chat.UndeliveredMessages} tin chưa gửi được");
        }
    }

    private static string StatePath() =>
        CliSupport.Configuration().GetSection("Channels").Get<ChannelOptions>()?.StatePath ?? new ChannelOptions().StatePath;
}
