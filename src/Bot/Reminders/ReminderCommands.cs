using DtsAssistant.Bot.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Reminders;

namespace DtsAssistant.Bot.Reminders;

/// <summary><c>/tatnhacnho</c> and <c>/batnhacnho</c>: a registered person turns reminders and digests off or on.</summary>
internal sealed class ReminderCommands(IReminderStore store, TimeProvider time)
{
    public async Task<Reply> SetAsync(Caller caller, bool muted, CancellationToken ct)
    {
        if (caller.PersonId is not { } person || !(caller.Has(Role.FocalPoint) || caller.Has(Role.CommuneOfficer)))
        {
            return new Reply("Nhắc nhở chỉ gửi cho đầu mối CĐS và cán bộ xã/phường đã đăng ký. Nếu bạn có mã mời, gõ /dangky <mã>.");
        }

        var changed = await store.SetMutedAsync(person, muted, time.GetUtcNow(), ct);
        return new Reply(muted
            ? (changed ? "Tôi đã tắt nhắc nhở hạn báo cáo cho bạn. Gõ /batnhacnho để bật lại." : "Nhắc nhở của bạn đang tắt. Gõ /batnhacnho để bật lại.")
            : (changed ? "Tôi đã bật lại nhắc nhở hạn báo cáo cho bạn." : "Nhắc nhở của bạn đang bật."));
    }
}
