using System.Globalization;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// Every filing reply except the summary (<see cref="FilingSummary"/>) and the question itself (<see cref="QuestionPrompts"/>):
/// the opening, each outcome of the filing service, the receipt. The filing service returns outcomes; this words them.
/// </summary>
internal static class FilingTexts
{
    public const string NotAFocalPoint =
        "Chỉ đầu mối CĐS đã đăng ký của đơn vị mới nộp được báo cáo. Nếu bạn là đầu mối, hãy đăng ký bằng /dangky <mã mời> do quản trị viên cấp.";

    public const string NoLongerAllowed = "Bạn không còn quyền nộp báo cáo này (có thể đã hủy đăng ký). Gõ /toi để xem vai trò của bạn.";

    public const string ContinueForm = "Tiếp tục báo cáo:";

    public const string Skipped = "Đã bỏ qua.";

    public const string NothingToKeep = "Câu này chưa có giá trị kỳ trước để giữ nguyên; bạn nhập câu trả lời nhé.";

    public const string NothingChosen = "Chưa chọn mục nào. Bấm các lựa chọn, rồi bấm \"Xong\".";

    public const string OfferSkip = "Nếu chưa có số liệu, bạn có thể bỏ qua câu này hoặc tạm dừng để làm tiếp sau.";

    public const string InvalidAnswer = "Câu trả lời này chưa hợp lệ. Bạn nhập lại nhé.";

    public const string AtSummary = "Bạn đang ở phần tóm tắt: gõ \"gửi\" để nộp, \"sửa N\" để sửa câu N, hoặc \"tạm dừng\".";

    public const string SummaryHint = "Gõ \"gửi\" để nộp báo cáo, hoặc \"sửa N\" để sửa câu N.";

    public const string CarryOn = "Được, tôi làm tiếp nhé.";

    public const string LeftAmendment = "Đã thoát. Bản sửa chưa được nộp; gõ /baocao để làm tiếp khi cần.";

    public const string CancelStopped = "Đã dừng xóa vì người cùng đơn vị vừa sửa bản nháp; các câu của họ được giữ lại. Gõ /baocao để xem.";

    public const string Cancelled = "Đã hủy bản nháp. Gõ /baocao khi bạn muốn bắt đầu lại.";

    public const string KeptSubmitted = "Được, báo cáo đã nộp giữ nguyên.";

    public static string Opening(DraftSession session, DateOnly today, bool resumed)
    {
        var answered = session.Questions.Count(q => session.Answers.ContainsKey(q.Key));
        var version = session.Version > 1 ? $" (sửa lần {session.Version - 1})" : string.Empty;
        return string.Join("\n",
            $"{(resumed ? "Tiếp tục" : "Bắt đầu")} báo cáo {session.Period.Label}{version} — {session.Unit.Name}.",
            CommonTexts.Deadline(session.Window, today),
            $"{session.Questions.Count} câu hỏi{(answered > 0 ? $", đã trả lời {answered}" : string.Empty)}. Mỗi câu trả lời được lưu ngay.",
            "Gõ bất cứ lúc nào: \"quay lại\", \"bỏ qua\", \"sửa 5\", \"tạm dừng\", \"hủy\", \"trợ giúp\".");
    }

    public static string Saved(AnswerValue value, QuestionDefinition question) => $"✓ Đã lưu: {value.Display(question)}.";

    public static string Chosen(QuestionDefinition question, int count) =>
        $"✓ Đã lưu {count} lựa chọn. Bấm thêm hoặc bỏ bớt, rồi bấm \"Xong\".";

    public static string Warning(string message) => "⚠ Lưu ý: " + message;

    /// <summary>"bỏ qua" on a required question: passed by for now, but it must be answered before sending.</summary>
    public static string SkippedRequired(int index, PeriodWindow window) =>
        $"Đã bỏ qua câu {index + 1}, nhưng đây là câu bắt buộc: cần trả lời trước khi gửi báo cáo, " +
        $"hạn hết ngày {CommonTexts.Date(window.LastDayOnTime)}. Gõ \"sửa {index + 1}\" khi đã có số liệu.";

    /// <summary>A button that belongs to another question: an earlier one, or one not reached yet.</summary>
    public static string StaleButton(int? index, FilingState current) => index switch
    {
        { } i when current.Step == FilingStep.Question && i > current.Index =>
            $"Nút đó thuộc câu {i + 1}, chưa tới câu đó; tôi đang hỏi câu {current.Index + 1}:",
        { } i when current.Step == FilingStep.Question && i < current.Index => "Nút đó thuộc một câu đã qua; tôi đang hỏi câu này:",
        _ => "Nút đó không còn dùng được ở bước này; tôi đang ở đây:",
    };

    public static string EditOutOfRange(int count) => $"Báo cáo có {count} câu; bạn gõ \"sửa\" kèm số từ 1 đến {count}, ví dụ: sửa 5.";

    public static string EditWhich(int count) => $"Bạn muốn sửa câu nào? Gõ \"sửa\" kèm số câu (1–{count}), ví dụ: sửa 5.";

    public static Reply Paused(int answered, int count, int? index) => new(
        $"Đã tạm dừng. Bản nháp được lưu ({answered}/{count} câu đã trả lời). Gõ /baocao để làm tiếp từ {(index is { } i ? $"câu {i + 1}" : "phần tóm tắt")}.",
        [[new ReplyButton("Làm tiếp", "cmd:baocao")]]);

    public static Reply ConfirmCancel(bool amendment) => amendment
        ? new Reply("Thoát khỏi bản sửa? Các thay đổi đã lưu vẫn nằm trong bản nháp và chưa được nộp.",
            [[new ReplyButton("Thoát", FilingButtons.CancelYes), new ReplyButton("Không, làm tiếp", FilingButtons.CancelNo)]])
        : new Reply("Hủy bản nháp? Các câu trả lời của bản nháp này sẽ bị xóa.",
            [[new ReplyButton("Xóa bản nháp", FilingButtons.CancelYes), new ReplyButton("Không, làm tiếp", FilingButtons.CancelNo)]]);

    private static readonly IReadOnlyList<IReadOnlyList<ReplyButton>> AmendButtons =
        [[new ReplyButton("Sửa báo cáo", FilingButtons.Amend), new ReplyButton("Không", FilingButtons.Close)]];

    public static Reply AlreadySubmitted(DraftSession submitted)
    {
        var receipt = submitted.LastReceipt is { } r ? $"\nSố tham chiếu: {r.ReferenceNumber}." : string.Empty;
        return new Reply(
            $"Báo cáo {submitted.Period.Label} của {submitted.Unit.Name} đã được nộp.{receipt}\nBạn có muốn sửa báo cáo không? Mỗi lần sửa là một phiên bản mới, có ghi nhật ký.",
            AmendButtons);
    }

    public static Reply SubmittedMeanwhile(DraftSession session) =>
        new($"Báo cáo {session.Period.Label} đã được nộp (có thể bởi người cùng đơn vị). Bạn có muốn mở bản sửa không?", AmendButtons);

    public static string Amending(DraftSession session) =>
        $"Đã mở bản sửa lần {session.Version - 1} của báo cáo {session.Period.Label}. Các câu trả lời đã nộp được giữ nguyên; gõ \"sửa N\" để sửa câu N.";

    /// <summary>Why a report could not be opened for filing.</summary>
    public static string NotOpened(OpenOutcome outcome, Period period, UnitInfo unit, PeriodWindow window) => outcome switch
    {
        OpenOutcome.NotOpenYet => $"Báo cáo {period.Label} mở từ {Moment(window.OpensAt)}.",
        OpenOutcome.Locked => $"Báo cáo {period.Label} đã khóa từ {Moment(window.LocksAt)}; không thể nộp hay sửa nữa.",
        OpenOutcome.NoForm => $"Chưa có biểu mẫu cho báo cáo {period.Label}.",
        OpenOutcome.UnknownUnit => $"Không tìm thấy đơn vị có mã {unit.Code}.",
        _ => $"Bạn không phải đầu mối báo cáo của {unit.Name}.",
    };

    /// <summary>Why an answer was not saved (other than a conflict or an invalid value, which the question step handles).</summary>
    public static string NotSaved(SaveOutcome outcome, DraftSession session) => outcome switch
    {
        SaveOutcome.NotEditable => $"Báo cáo {session.Period.Label} đã nộp hoặc đã khóa nên không sửa được câu này. Gõ /baocao để xem và mở bản sửa nếu còn hạn.",
        SaveOutcome.UnknownQuestion => "Câu hỏi này không có trong biểu mẫu của đơn vị. Gõ /baocao để mở lại báo cáo.",
        SaveOutcome.NotFound => "Không tìm thấy báo cáo này nữa. Gõ /baocao để mở lại.",
        _ => $"Bạn không phải đầu mối báo cáo của {session.Unit.Name}.",
    };

    /// <summary>The same question was changed by someone else since this person's view: nothing saved, say what it is now.</summary>
    public static string Conflict(IReadOnlyList<AnswerChange> changes, DraftSession fresh, QuestionDefinition question)
    {
        var theirs = changes.LastOrDefault(c => c.QuestionKey == question.Key);
        var lines = new List<string>
        {
            theirs is null
                ? "Bản nháp vừa được người cùng đơn vị cập nhật."
                : $"{theirs.ChangedBy} vừa cập nhật câu này thành: {theirs.NewValue ?? "(để trống)"}.",
        };
        var others = changes.Where(c => c.QuestionKey != question.Key).ToList();
        if (others.Count > 0)
        {
            lines.Add(Changes(others, fresh));
        }

        lines.Add("Câu trả lời của bạn chưa được lưu. Gõ lại nếu bạn vẫn muốn thay đổi.");
        return string.Join("\n", lines);
    }

    public static string NotSubmitted(SubmitOutcome outcome, DraftSession? session = null) => outcome switch
    {
        SubmitOutcome.Invalid => "Chưa thể nộp: còn mục cần sửa (dấu ✗ bên dưới).",
        SubmitOutcome.Conflict => "Báo cáo vừa có thay đổi từ người cùng đơn vị. Bạn xem lại tóm tắt mới trước khi nộp.",
        SubmitOutcome.AlreadySubmitted => $"Báo cáo {session?.Period.Label} đã được nộp trước đó. Gõ /baocao để xem hoặc sửa.",
        SubmitOutcome.Locked => $"Báo cáo {session?.Period.Label} đã khóa; không thể nộp.",
        SubmitOutcome.NotFound => "Không tìm thấy báo cáo này nữa. Gõ /baocao để mở lại.",
        _ => $"Bạn không phải đầu mối báo cáo của {session?.Unit.Name}.",
    };

    public static string NotAmended(AmendOutcome outcome, DraftSession session) => outcome switch
    {
        AmendOutcome.Locked => $"Báo cáo {session.Period.Label} đã khóa từ {Moment(session.Window.LocksAt)}; không thể sửa.",
        AmendOutcome.NotFound => "Không tìm thấy báo cáo này nữa. Gõ /baocao để mở lại.",
        _ => $"Bạn không phải đầu mối báo cáo của {session.Unit.Name}.",
    };

    /// <summary>The one wording of a submission ("Đã nhận báo cáo …"), for a first filing and an amendment alike.</summary>
    public static string Receipt(Receipt receipt, PeriodWindow window)
    {
        var at = VietnamTime.ToLocal(receipt.SubmittedAt).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        var version = receipt.Version > 1 ? $" (bản sửa lần {receipt.Version - 1})" : string.Empty;
        var timeliness = receipt.Timeliness == Timeliness.Late
            ? $"Nộp muộn (hạn: hết ngày {CommonTexts.Date(window.LastDayOnTime)}); đã được ghi nhận."
            : "Nộp đúng hạn.";
        return $"""
            Đã nhận báo cáo {receipt.Period.Label}{version} của {receipt.UnitName}.
            Số tham chiếu: {receipt.ReferenceNumber}
            Thời điểm nhận: {at} (giờ Việt Nam)
            {timeliness}
            Trước khi kỳ báo cáo khóa sổ, gõ /baocao nếu cần sửa.
            """;
    }

    public static string Changes(IReadOnlyList<AnswerChange> changes, DraftSession session)
    {
        var lines = changes.Select(c =>
        {
            var at = VietnamTime.ToLocal(c.ChangedAt).ToString("HH:mm", CultureInfo.InvariantCulture);
            return $"• {FilingSummary.Position(session, c.QuestionKey)}{CommonTexts.Shorten(c.QuestionText, 50)} → {c.NewValue ?? "(xóa)"} ({c.ChangedBy}, {at})";
        });
        return "Người cùng đơn vị vừa cập nhật bản nháp:\n" + string.Join("\n", lines);
    }

    private static string Moment(DateTimeOffset at) =>
        VietnamTime.ToLocal(at).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
}
