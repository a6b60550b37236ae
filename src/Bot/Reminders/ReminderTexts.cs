using System.Globalization;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Reminders;

/// <summary>The Vietnamese text and buttons of reminders and digests.</summary>
internal static class ReminderTexts
{
    /// <summary>Units listed by name in a digest; the rest are behind the "full list" button.</summary>
    public const int DigestListed = 15;

    public const string MuteHint = "Gõ /tatnhacnho để tắt nhắc nhở, /batnhacnho để bật lại.";

    public static Reply For(PlannedNotice notice) => notice.Digest is { } digest ? Digest(notice, digest) : Reminder(notice);

    /// <summary>One line for <c>reminders preview</c>: person, unit (or commune), kind.</summary>
    public static string PreviewLine(PlannedNotice notice) =>
        $"{notice.PersonName}\t{(notice.Unit is { } u ? $"{u.Code} {u.Name}" : notice.Digest is { } d ? $"{d.Commune.Code} {d.Commune.Name}" : "")}\t{KindCode(notice.Slot.Kind)} {notice.Slot.Period.Key}";

    public static string KindCode(NoticeKind kind) => kind switch
    {
        NoticeKind.Upcoming => "sap-den-han",
        NoticeKind.LastDay => "ngay-cuoi",
        NoticeKind.Overdue => "qua-han",
        NoticeKind.DigestBefore => "tong-hop-truoc-han",
        _ => "tong-hop-sau-han",
    };

    private static Reply Reminder(PlannedNotice notice)
    {
        var unit = notice.Unit!.Name;
        var period = notice.Slot.Period.Label;
        var dueDay = Day(notice.Window.LastDayOnTime.AddDays(1));
        var text = notice.Slot.Kind switch
        {
            NoticeKind.Upcoming => $"Nhắc nhở: báo cáo {period} của {unit} cần nộp trước ngày {dueDay} (còn {DaysLeft(notice)} ngày).",
            NoticeKind.LastDay => $"Hôm nay là ngày cuối nộp báo cáo {period} đúng hạn (hạn: trước ngày {dueDay}). {unit} chưa nộp.",
            _ => $"Báo cáo {period} của {unit} đã quá hạn (hạn: trước ngày {dueDay}). Bạn vẫn nộp được đến hết ngày {Day(DateOnly.FromDateTime(VietnamTime.ToLocal(notice.Window.LocksAt).DateTime).AddDays(-1))}; báo cáo sẽ được ghi là nộp muộn.",
        };
        return new Reply(text + "\n" + MuteHint, [[new ReplyButton("Nộp báo cáo", "cmd:baocao")]]);
    }

    private static Reply Digest(PlannedNotice notice, DigestContent digest)
    {
        var period = notice.Slot.Period;
        var dueDay = Day(notice.Window.LastDayOnTime.AddDays(1));
        var lines = new List<string>
        {
            notice.Slot.Kind == NoticeKind.DigestBefore
                ? $"Tổng hợp báo cáo {period.Label} — {digest.Commune.Name} (hạn: trước ngày {dueDay}):"
                : $"Tổng hợp báo cáo {period.Label} — {digest.Commune.Name} (đã quá hạn ngày {dueDay}):",
            $"Đã nộp {digest.Submitted}/{digest.Expected} đơn vị (đúng hạn {digest.OnTime}, muộn {digest.Late}); chưa nộp {digest.Missing.Count}.",
        };
        if (digest.Missing.Count > 0)
        {
            lines.Add("Chưa nộp:");
            lines.AddRange(digest.Missing.Take(DigestListed).Select(m =>
                $"• {m.Unit.Name}" + (m.HasDraft ? " (đang làm dở)" : "") +
                (m.FocalPointName is { } name ? $" — đầu mối: {name}" : " — chưa có đầu mối đăng ký") +
                (m.Phone is { } phone ? $", ĐT {phone}" : "")));
            if (digest.Missing.Count > DigestListed)
            {
                lines.Add($"… và {digest.Missing.Count - DigestListed} đơn vị khác (bấm \"Danh sách đầy đủ\").");
            }
        }

        if (digest.Commune.IsSample)
        {
            lines.Add(Conversation.Status.StatusTexts.SampleNote);
        }

        lines.Add(MuteHint);
        return new Reply(string.Join("\n", lines),
        [[
            new ReplyButton("Danh sách đầy đủ", $"st:missing:{period.Key}:{digest.Commune.Code}"),
            new ReplyButton("Xuất Excel", $"st:export:{period.Key}:{digest.Commune.Code}"),
        ]]);
    }

    private static int DaysLeft(PlannedNotice notice) =>
        notice.Window.LastDayOnTime.DayNumber - DateOnly.FromDateTime(VietnamTime.ToLocal(notice.Slot.PlannedAt).DateTime).DayNumber + 1;

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
