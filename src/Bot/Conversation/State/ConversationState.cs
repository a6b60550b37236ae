namespace DtsAssistant.Bot.Conversation.State;

/// <summary>Where an open filing session stands.</summary>
internal enum FilingStep
{
    /// <summary>Waiting for the answer to the question at <see cref="FilingState.Index"/>.</summary>
    Question,

    /// <summary>Showing the summary; waiting for "gửi" or "sửa N".</summary>
    Summary,

    /// <summary>Asked whether to delete the draft's answers.</summary>
    ConfirmCancel,

    /// <summary>The report is submitted; asked whether to amend it.</summary>
    OfferAmend,
}

/// <summary>
/// A filing session in progress, persisted between messages (and restarts). The answers themselves live in the
/// report; this only remembers where the person is.
/// </summary>
/// <param name="Revision">The report revision this person last saw (optimistic concurrency with a second writer).</param>
/// <param name="Misses">Unparseable answers in a row to the current question.</param>
/// <param name="ReturnTo">After "sửa N", where to go once N is answered: the question the person was on, or the
/// summary (position = question count). Null: carry on with the next question.</param>
/// <param name="Paused">"tạm dừng": the session waits for /baocao to resume at the same question.</param>
internal sealed record FilingState(
    long ReportId,
    string PeriodKey,
    string UnitCode,
    FilingStep Step,
    int Index,
    int Revision,
    int Misses = 0,
    int? ReturnTo = null,
    bool Paused = false);

/// <summary>Everything the assistant remembers about one conversation between messages.</summary>
internal sealed record ConversationState(FilingState? Filing = null)
{
    public static readonly ConversationState Empty = new();

    public bool IsEmpty => Filing is null;
}
