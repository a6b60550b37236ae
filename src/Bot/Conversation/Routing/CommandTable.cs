using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Filing;
using DtsAssistant.Bot.Conversation.Privacy;
using DtsAssistant.Bot.Conversation.Registration;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Bot.Reminders;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>One slash command as a handler sees it; <see cref="Get{T}"/> resolves a feature from the message's scope.</summary>
internal sealed record CommandCall(Turn Turn, Caller Caller, ConversationState State, string Argument, IServiceProvider Services)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public DialogueResult Keep(Reply reply) => DialogueResult.Of(State, reply);

    /// <summary>After a command that changes who the person is: read the role again on the next message.</summary>
    public DialogueResult RoleChanged(Reply reply)
    {
        Get<CallerCache>().Forget(Turn.ConversationKey);
        return Keep(reply);
    }
}

/// <summary>A row of the command table: its names (the first is shown in help), its help line, its handler.</summary>
internal sealed record CommandEntry(string[] Names, string? Help, Func<CommandCall, CancellationToken, Task<DialogueResult>> Handle);

/// <summary>
/// Every slash command in one table. To add one, add a row: the router dispatches by name and <see cref="HelpText"/>
/// lists the rows that have a help line, in this order.
/// </summary>
internal static class CommandTable
{
    public static readonly IReadOnlyList<CommandEntry> Entries =
    [
        new(["baocao", "nopbaocao", "report"], "nộp hoặc sửa báo cáo của đơn vị (đầu mối CĐS)", (c, ct) =>
            c.Get<FilingDialogue>().StartAsync(c.Caller, c.State with { Filing = c.State.Filing is { } f ? f with { Paused = false } : null },
                c.Turn.ConversationKey, c.Argument, ct)),
        new(["trangthai", "status"], "xem tình hình nộp báo cáo (cán bộ xã/phường, Sở)", async (c, ct) =>
            c.Keep(await c.Get<StatusQueries>().CommandAsync(c.Caller, c.Argument, ct).ConfigureAwait(false))),
        new(["bangdieukhien", "dashboard"], "nhận đường dẫn vào bảng điều khiển trên trình duyệt (cán bộ xã/phường, Sở)", (c, _) =>
            Task.FromResult(c.Keep(c.Get<Dashboard.DashboardCommand>().Reply(c.Caller, c.Turn.Channel, c.Turn.UserId)))),
        new(["dangky", "dk", "register"], "<mã> — đăng ký bằng mã mời", async (c, ct) =>
            c.RoleChanged(await c.Get<RegistrationCommands>().RegisterAsync(c.Turn, c.Argument, ct).ConfigureAwait(false))),
        new(["toi", "whoami"], "xem tôi đã đăng ký bạn là ai", (c, _) =>
            Task.FromResult(c.Keep(RegistrationCommands.WhoAmI(c.Caller)))),
        new(["huydangky", "unregister"], "hủy đăng ký (hỏi lại trước khi hủy)", (c, _) =>
            Task.FromResult(RegistrationCommands.AskToUnregister(c.Caller, c.State))),
        new(["dulieucuatoi", "mydata"], "xem dữ liệu cá nhân tôi đang lưu về bạn", async (c, ct) =>
            c.Keep(await c.Get<PersonalDataCommands>().ViewAsync(c.Turn, ct).ConfigureAwait(false))),
        new(["xoadulieu", "erasemydata"], "xóa tên và mã tài khoản của bạn (hỏi lại trước khi xóa)", (c, _) =>
            Task.FromResult(c.Keep(PersonalDataCommands.AskToErase()))),
        new(["trogiup", "help", "huongdan"], "xem hướng dẫn này", (c, _) =>
            Task.FromResult(c.Keep(new Reply(c.State.Filing is { Paused: false } ? Help + "\n\n" + HelpText.FilingWords : Help)))),
        new(["tatnhacnho", "mute"], "tắt nhắc nhở hạn báo cáo", async (c, ct) =>
            c.Keep(await c.Get<ReminderCommands>().SetAsync(c.Caller, muted: true, ct).ConfigureAwait(false))),
        new(["batnhacnho", "unmute"], "bật lại nhắc nhở hạn báo cáo", async (c, ct) =>
            c.Keep(await c.Get<ReminderCommands>().SetAsync(c.Caller, muted: false, ct).ConfigureAwait(false))),
        new(["xuat", "export"], null, async (c, ct) =>
            c.Keep(await c.Get<StatusQueries>().ExportAsync(c.Caller, c.Argument, ct).ConfigureAwait(false))),
        new(["huy", "cancel"], null, (c, ct) => c.State.Filing is { Paused: false }
            ? c.Get<FilingDialogue>().CancelAsync(c.Caller, c.State, c.Turn, ct)
            : Task.FromResult(DialogueResult.Of(c.State with { Filing = null }, new Reply(CommonTexts.NothingToCancel)))),
        new(["start"], null, async (c, ct) => c.Argument.Length > 0
            // Telegram deep links (t.me/bot?start=CODE) arrive as "/start CODE": an invite link registers directly.
            ? c.RoleChanged(await c.Get<RegistrationCommands>().RegisterAsync(c.Turn, c.Argument, ct).ConfigureAwait(false))
            : c.Keep(new Reply(HelpText.Welcome))),
    ];

    private static readonly Dictionary<string, CommandEntry> ByName =
        Entries.SelectMany(e => e.Names.Select(n => (n, e))).ToDictionary(p => p.n, p => p.e, StringComparer.Ordinal);

    public static CommandEntry? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>A command's first name, whichever of its names was typed ("help", "huongdan" → "trogiup"); null if unknown.</summary>
    public static string? Canonical(string name) => Find(name)?.Names[0];

    /// <summary>The command list of /trogiup, from the rows above.</summary>
    public static string Help => help ??= HelpText.CommandList(Entries.Where(e => e.Help is not null).Select(e => (e.Names[0], e.Help!)));

    private static string? help;
}
