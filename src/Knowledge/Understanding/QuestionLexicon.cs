using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Understanding;

/// <summary>
/// The closed class of words that say what is asked (question words, roles, politeness), written once with their
/// diacritics. What a question is about is never listed here: topics are matched against the documents' own words.
/// </summary>
internal static class QuestionLexicon
{
    public static readonly Phrase[] WhoLeads = Phrase.List(
        "ai", "phòng nào", "đơn vị nào", "cơ quan nào", "bộ phận nào", "bên nào", "người nào", "chủ trì", "phụ trách",
        "chịu trách nhiệm", "lo việc", "lo", "đầu mối", "theo dõi", "giao cho", "thuộc phòng nào", "thuộc", "cầm trịch",
        "quản lý chính", "do phòng", "phòng gì", "đơn vị gì");

    public static readonly Phrase[] WhoCoordinates = Phrase.List("phối hợp", "cùng với ai", "phòng nào cùng");

    public static readonly Phrase[] WhoImplements = Phrase.List(
        "ai triển khai", "đơn vị triển khai", "đơn vị nào triển khai", "ai thực hiện", "đơn vị thực hiện",
        "đơn vị nào thực hiện", "ai tổ chức triển khai", "tổ chức triển khai");

    public static readonly Phrase[] When = Phrase.List(
        "khi nào", "bao giờ", "thời hạn", "hạn", "hạn chót", "hạn cuối", "mốc", "mốc thời gian", "thời gian", "ngày nào",
        "tháng nào", "năm nào", "lúc nào", "xong", "hết hạn", "đến hạn", "trước ngày", "hoàn thành", "deadline", "hiệu lực",
        "bao lâu", "đến bao giờ", "phải xong", "thời điểm", "bao nhiêu ngày", "mấy ngày", "còn bao lâu", "còn mấy ngày",
        "còn bao nhiêu ngày", "còn",
        // How often: "bao lâu một lần", "mấy lần" are answered by "thường xuyên", "hằng tháng", "định kỳ".
        "bao lâu một lần", "bao lâu 1 lần", "mấy lần", "bao nhiêu lần", "có thường xuyên");

    /// <summary>The plan speaking of itself ("kế hoạch này", "theo kế hoạch"): not a topic.</summary>
    public static readonly Phrase[] PlanItself = Phrase.List(
        "kế hoạch này", "trong kế hoạch", "theo kế hoạch", "của kế hoạch", "kế hoạch yêu cầu", "kế hoạch quy định", "kế hoạch đặt ra",
        "kế hoạch giao", "văn bản này");

    public static readonly Phrase[] Duties = Phrase.List("trách nhiệm gì", "nhiệm vụ gì", "trách nhiệm như thế nào", "những nhiệm vụ gì", "nhiệm vụ như thế nào");

    /// <summary>"Trách nhiệm của UBND xã là gì?": the duty nouns with "là gì" ask for the duties too.</summary>
    public static readonly Phrase[] DutyOf = Phrase.List("trách nhiệm của", "nhiệm vụ của");

    public static readonly Phrase[] IsWhat = Phrase.List("là gì", "gồm những gì", "là những gì");

    public static readonly Phrase[] HowMuch = Phrase.List(
        "bao nhiêu", "tỷ lệ", "tỉ lệ", "phần trăm", "cần đạt", "phải đạt", "đạt", "mấy phần trăm", "mấy");

    /// <summary>Words that make a how-much question but also name what is measured ("mức", "tối thiểu"): kept in the topic.</summary>
    public static readonly Phrase[] HowMuchTopical = Phrase.List("mức nào", "mức mấy", "tối thiểu", "mục tiêu", "chỉ tiêu là", "mức");

    public static readonly Phrase[] StrongHowTo = Phrase.List("như thế nào", "thế nào", "ra sao", "làm sao", "như nào", "cách nào");

    public static readonly Phrase[] HowTo = Phrase.List(
        "làm gì", "cách", "lưu ý", "nên làm", "cần làm", "phải làm", "biện pháp", "sao cho", "xử lý");

    public static readonly Phrase[] WhichDocument = Phrase.List(
        "văn bản nào", "quyết định nào", "công văn nào", "thông tư nào", "nghị định nào", "luật nào", "kế hoạch nào",
        "căn cứ", "số hiệu", "ký hiệu", "ai ký", "người ký", "ký ban hành", "theo văn bản", "quy định tại", "nguồn nào",
        "văn bản gì", "là văn bản", "phong trào nào", "từ nguồn");

    public static readonly Phrase[] WhatIs = Phrase.List(
        "là gì", "quy định gì", "về gì", "nói gì", "nói về gì", "nội dung", "trách nhiệm gì", "nhiệm vụ gì", "gồm những gì",
        "những gì", "gì", "quy định về", "yêu cầu");

    public static readonly Phrase[] ListByUnit = Phrase.List(
        "những gì", "những việc gì", "những việc nào", "những nhiệm vụ nào", "những chỉ tiêu nào", "các nhiệm vụ nào",
        "các chỉ tiêu nào", "việc gì", "những nhiệm vụ gì", "những chỉ tiêu gì", "mấy nhiệm vụ", "bao nhiêu nhiệm vụ",
        "mấy chỉ tiêu", "bao nhiêu chỉ tiêu", "những việc", "các việc gì");

    public static readonly Phrase[] Confirmation = Phrase.List(
        "đúng không", "phải không", "đúng chưa", "có đúng", "đúng ko", "phải ko", "đúng k", "có phải", "đúng hông",
        "đúng hả", "phải hả", "chứ nhỉ");

    /// <summary>Words the sector uses for one another: a question's "học bạ điện tử" is the plan's "học bạ số".</summary>
    public static readonly (Phrase Typed, Phrase Written)[] Equivalents =
    [
        (new Phrase("điện tử"), new Phrase("số")), (new Phrase("giáo viên"), new Phrase("nhà giáo")),
    ];

    public static readonly Phrase[] Report = Phrase.List("báo cáo", "BC");

    public static readonly Phrase[] Recipient = Phrase.List(
        "cho ai", "về đâu", "lên đâu", "ở đâu", "gửi đâu", "qua đâu", "nộp đâu", "gửi ai", "nộp ai", "cho đơn vị nào",
        "cho cơ quan nào", "gửi cho", "nộp cho", "link", "đường link", "địa chỉ", "nơi nào", "chỗ nào", "đâu");

    /// <summary>"hạn nộp là ngày nào": submitting with a deadline and nothing else named means the periodic reports.</summary>
    public static readonly Phrase[] SubmitOnly = Phrase.List("hạn nộp", "hạn gửi", "nộp trước", "gửi trước", "nộp khi nào", "gửi khi nào");

    public static readonly Phrase[] ReportedFigures = Phrase.List(
        "của xã tôi", "xã tôi", "trường tôi", "đơn vị tôi", "xã mình", "trường mình", "đơn vị mình", "phường tôi",
        "phường mình", "của tôi", "chúng tôi", "đã đạt chưa", "đạt chưa", "đã đạt", "hiện đạt", "hiện nay đạt", "thực tế",
        "đã nộp", "chưa nộp", "đã báo cáo", "chưa báo cáo", "số liệu", "bao nhiêu trường đã", "bao nhiêu đơn vị đã",
        "tình hình", "tiến độ", "được bao nhiêu", "đạt được", "trạng thái", "thống kê", "danh sách", "đã xong", "chưa xong",
        "đã hoàn thành", "chưa hoàn thành", "bao nhiêu đơn vị", "mấy trường", "mấy đơn vị", "toàn tỉnh hiện");

    /// <summary>Words that make a rate a target of the plan ("phải đạt", "chỉ tiêu"), not a figure reported so far.</summary>
    public static readonly Phrase[] PlanTarget = Phrase.List(
        "phải đạt", "cần đạt", "chỉ tiêu", "mục tiêu", "yêu cầu", "kế hoạch", "quy định", "phải", "cần", "theo kế hoạch");

    public static readonly Phrase[] PeriodMention = Phrase.List("tháng này", "quý này", "kỳ này", "tháng trước", "quý trước", "kỳ báo cáo", "năm nay đã");

    public static readonly Phrase[] SchoolSender = Phrase.List("mầm non", "tiểu học", "THCS", "trung học cơ sở", "MN", "TH", "trường");

    public static readonly Phrase[] DirectUnitSender = Phrase.List("trực thuộc", "THPT", "trung học phổ thông", "trung tâm", "GDTX", "đơn vị thuộc sở");

    /// <summary>The phrases that name a kind of sender, to find the plan's reporting rule for it.</summary>
    public static Phrase[]? SenderPhrases(SenderKind kind) => kind switch
    {
        SenderKind.School => SchoolSender,
        SenderKind.DirectUnit => DirectUnitSender,
        SenderKind.Commune => CommuneSender,
        _ => null,
    };

    public static readonly Phrase[] CommuneSender = Phrase.List("UBND", "ủy ban", "xã", "phường");

    public static readonly Phrase[] Greeting = Phrase.List("xin chào", "chào", "hello", "hi", "alo", "a lô", "helo", "hế lô", "chào buổi sáng", "chúc buổi sáng");

    public static readonly Phrase[] Thanks = Phrase.List("cảm ơn", "cám ơn", "thanks", "thank you", "thank", "tks", "cảm ơn nhiều");

    public static readonly Phrase[] Farewell = Phrase.List("tạm biệt", "bye", "hẹn gặp lại");

    public static readonly Phrase[] Identity = Phrase.List("bạn là ai", "là ai", "tên gì", "ai vậy", "ai đấy", "ai thế", "bạn là gì", "là gì vậy");

    public static readonly Phrase[] Help = Phrase.List(
        "giúp được gì", "làm được gì", "giúp gì", "hỗ trợ gì", "hướng dẫn sử dụng", "dùng thế nào", "hỏi gì", "có thể hỏi",
        "help", "trợ giúp", "biết gì", "làm gì được", "giúp được những gì", "làm được những gì");

    private static readonly Phrase[][] AllIntentPhrases =
    [
        WhoLeads, WhoCoordinates, WhoImplements, When, HowMuch, StrongHowTo, HowTo, WhichDocument, WhatIs, ListByUnit, Recipient,
    ];

    /// <summary>Every question word of every intent in one list, to take them all out of a topic in one pass.</summary>
    public static readonly Phrase[] AnyIntentPhrase = [.. AllIntentPhrases.SelectMany(list => list)];

    // Everyday words around a question that name no topic ("cho hỏi", "vậy", "nhỉ", "đến", "phải").
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "vậy", "nhỉ", "thế", "hả", "ạ", "à", "ừ", "ơi", "nhé", "nha", "đến", "tới", "phải", "cần", "thì", "là", "mà",
        "đấy", "đây", "ấy", "nữa", "hiện", "nay", "hiện nay", "bạn", "ad", "admin", "anh", "chị", "em", "tôi", "mình", "chúng",
        "cho", "hỏi", "chút", "với", "việc", "cụ", "thể", "nào", "gì", "sao", "ko", "k", "hông", "không", "có", "chưa",
        "được", "các", "những", "của", "sẽ", "rồi", "nhất", "vào", "bị", "từ", "trong", "ngoài", "gồm",
    };

    private static readonly HashSet<string> FoldedFillers = new(Fillers.Select(VietnameseText.Fold), StringComparer.Ordinal);

    private static readonly HashSet<string> SmallTalkFillers = new(StringComparer.Ordinal)
    {
        "bạn", "ad", "admin", "bot", "ơi", "nhé", "nha", "ạ", "à", "nhiều", "rất", "em", "anh", "chị", "mình", "trợ", "lý",
        "buổi", "sáng", "chiều", "tối", "trưa", "good", "morning", "nhá", "hen", "thế", "vậy", "nhé", "đã", "có", "thể", "gì",
        "được", "lắm", "quá", "the", "you", "đó", "ấy", "tôi", "hỏi", "cho", "ok", "oke", "okay", "vâng", "dạ", "ừ", "nhé",
    };

    private static readonly HashSet<string> FoldedSmallTalkFillers = new(SmallTalkFillers.Select(VietnameseText.Fold), StringComparer.Ordinal);

    public static bool IsFiller(Token token, bool accented) =>
        accented && token.Normalized != token.Folded ? Fillers.Contains(token.Normalized) : FoldedFillers.Contains(token.Folded);

    public static bool IsSmallTalkFiller(Token token, bool accented) =>
        accented && token.Normalized != token.Folded ? SmallTalkFillers.Contains(token.Normalized) : FoldedSmallTalkFillers.Contains(token.Folded);

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["một"] = 1, ["nhất"] = 1, ["hai"] = 2, ["ba"] = 3, ["bốn"] = 4, ["tư"] = 4, ["năm"] = 5, ["sáu"] = 6, ["bảy"] = 7,
        ["tám"] = 8, ["chín"] = 9, ["mười"] = 10,
    };

    private static readonly Dictionary<string, int> FoldedNumberWords = NumberWords
        .GroupBy(p => VietnameseText.Fold(p.Key), StringComparer.Ordinal)
        .Where(g => g.Count() == 1 || g.Key == "tu")
        .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    /// <summary>"bốn", "tư", "mười" as item numbers (only directly after "chỉ tiêu", "nhiệm vụ", "thứ").</summary>
    public static int? NumberWord(Token token) =>
        token.Normalized != token.Folded
            ? NumberWords.TryGetValue(token.Normalized, out var n) ? n : null
            : FoldedNumberWords.TryGetValue(token.Folded, out var f) ? f : null;
}
