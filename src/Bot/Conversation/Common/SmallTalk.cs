using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Common;

internal enum SmallTalkKind
{
    Greeting,
    Thanks,
    WhoAreYou,
}

/// <summary>
/// Greetings, thanks and "bạn là ai": a friendly reply that fits the person's role, and that keeps a form's place (the
/// filing dialogue asks the same question again). <see cref="Detect"/> is the one hook for recognizing small talk: a
/// better reader of questions (the knowledge area's question understanding) can replace its body.
/// </summary>
internal static class SmallTalk
{
    private static readonly string[] Greetings = ["chao", "xin chao", "chao ban", "chao em", "chao ad", "hi", "hello", "alo", "a lo", "chao buoi sang", "chao buoi chieu"];

    private static readonly string[] Thanks = ["cam on", "cam on ban", "cam on em", "cam on nhe", "cam on nhieu", "thanks", "thank you", "tks", "thank", "xin cam on"];

    private static readonly string[] WhoAreYou = ["ban la ai", "em la ai", "bot la ai", "ban lam duoc gi", "em lam duoc gi", "ban giup duoc gi", "ban la gi"];

    /// <summary>Small talk only when that is all the message says (a short message); a question after "chào" is a question.</summary>
    public static SmallTalkKind? Detect(string text)
    {
        var folded = VietnameseText.FoldWords(text);
        foreach (var tail in new[] { " a", " ad", " nhe", " nha", " ban", " em", " ah" })
        {
            if (folded.EndsWith(tail, StringComparison.Ordinal) && folded.Length > tail.Length + 2 && !Known(folded))
            {
                folded = folded[..^tail.Length];
            }
        }

        return Greetings.Contains(folded) ? SmallTalkKind.Greeting
            : Thanks.Contains(folded) ? SmallTalkKind.Thanks
            : WhoAreYou.Contains(folded) ? SmallTalkKind.WhoAreYou
            : null;
    }

    private static bool Known(string folded) => Greetings.Contains(folded) || Thanks.Contains(folded) || WhoAreYou.Contains(folded);
}
