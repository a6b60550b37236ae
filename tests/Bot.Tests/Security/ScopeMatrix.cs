using System.IO.Compression;
using System.Text;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Filing;
using DtsAssistant.Bot.Conversation.Privacy;
using DtsAssistant.Bot.Conversation.Registration;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Bot.Tests.Conversation;

namespace DtsAssistant.Bot.Tests.Security;

/// <summary>What a case is about: a slash command, a status question in words, an export, or a button press.</summary>
internal enum CaseKind { Command, Question, Export, Button }

/// <summary>Which scope the input names: none (the asker's default), the asker's own, or another commune/unit.</summary>
internal enum CaseScope { None, Own, Other }

/// <summary>One input of the matrix; "{own}"/"{other}" in <see cref="Input"/> stand for the communes' codes.</summary>
internal sealed record MatrixCase(string Id, CaseKind Kind, CaseScope Scope, string Input);

/// <summary>
/// The role × scope matrix: every actor against every command of <see cref="CommandTable"/> (so a new command is
/// covered without editing this file), the status questions, the exports and the buttons, in the own scope and another's.
/// </summary>
internal static class ScopeMatrix
{
    public static readonly string[] Actors = ["anonymous", "staff", "focal", "officer", "so", "admin"];

    private const string OwnWords = "xã Yên Mô";
    private const string OtherWords = "phường Hoa Lư " + ScopeWorld.OtherUnit;

    public static readonly IReadOnlyList<MatrixCase> Cases = Build();

    public static IEnumerable<(string Actor, MatrixCase Case)> All() =>
        Actors.SelectMany(a => Cases.Select(c => (a, c)));

    private static List<MatrixCase> Build()
    {
        var cases = new List<MatrixCase>();
        foreach (var entry in CommandTable.Entries)
        {
            var name = entry.Names[0];
            var kind = name == "xuat" ? CaseKind.Export : CaseKind.Command;
            cases.Add(new($"/{name}", kind, CaseScope.None, "/" + name));
            cases.Add(new($"/{name} own", kind, CaseScope.Own, $"/{name} {OwnWords}"));
            cases.Add(new($"/{name} other", kind, CaseScope.Other, $"/{name} {OtherWords}"));
        }

        cases.AddRange(
        [
            new("missing own", CaseKind.Question, CaseScope.Own, "tháng 11 còn trường nào ở xã Yên Mô chưa nộp?"),
            new("missing other", CaseKind.Question, CaseScope.Other, "tháng 11 còn trường nào ở phường Hoa Lư chưa nộp?"),
            new("signatures province", CaseKind.Question, CaseScope.None, "tỷ lệ giáo viên có chữ ký số toàn tỉnh"),
            new("signatures other", CaseKind.Question, CaseScope.Other, "tỷ lệ giáo viên có chữ ký số ở phường Hoa Lư"),
            new("late", CaseKind.Question, CaseScope.None, "tháng 11 trường nào nộp muộn?"),
            new("indicator table other", CaseKind.Question, CaseScope.Other, "các chỉ tiêu so với kế hoạch tháng 11 phường Hoa Lư"),
            new("report words", CaseKind.Question, CaseScope.None, "báo cáo tháng 11"),
            new("export words", CaseKind.Export, CaseScope.None, "xuất báo cáo tháng 11"),
            new("export words own", CaseKind.Export, CaseScope.Own, "xuất báo cáo tháng 11 xã Yên Mô"),
            new("export words other", CaseKind.Export, CaseScope.Other, "xuất báo cáo tháng 11 phường Hoa Lư"),
            new("button missing", CaseKind.Button, CaseScope.None, "st:missing:2025-11:"),
            new("button missing own", CaseKind.Button, CaseScope.Own, "st:missing:2025-11:{own}"),
            new("button missing other", CaseKind.Button, CaseScope.Other, "st:missing:2025-11:{other}"),
            new("button export", CaseKind.Export, CaseScope.None, "st:export:2025-11:"),
            new("button export own", CaseKind.Export, CaseScope.Own, "st:export:2025-11:{own}"),
            new("button export other", CaseKind.Export, CaseScope.Other, "st:export:2025-11:{other}"),
            new("button baocao", CaseKind.Button, CaseScope.None, "cmd:baocao"),
            new("button trangthai", CaseKind.Button, CaseScope.None, "cmd:trangthai"),
        ]);

        // Buttons of other dialogues pressed out of turn (an old message, or someone else's forwarded one).
        string[] stale =
        [
            FilingButtons.Back, FilingButtons.Pause, FilingButtons.Submit, FilingButtons.Amend, FilingButtons.CancelYes,
            FilingButtons.CancelNo, FilingButtons.Close, FilingButtons.Yes(1), FilingButtons.Skip(3), FilingButtons.Choice(6, 0),
            PersonalDataCommands.EraseYes, PersonalDataCommands.EraseNo, RegistrationCommands.UnregisterYes, RegistrationCommands.UnregisterNo,
        ];
        cases.AddRange(stale.Select(data => new MatrixCase("button " + data, CaseKind.Button, CaseScope.None, data)));
        return cases;
    }

    public static MatrixCase Find(string id) => Cases.Single(c => c.Id == id);

    /// <summary>What the actor must never read: the secrets of every scope the role does not cover.</summary>
    public static IEnumerable<string> Forbidden(string actor) => actor switch
    {
        "anonymous" => [.. ScopeWorld.OwnUnitSecrets, .. ScopeWorld.SiblingSecrets, .. ScopeWorld.OtherSecrets, .. ScopeWorld.DepartmentLineSecrets],
        "staff" or "focal" => [.. ScopeWorld.SiblingSecrets, .. ScopeWorld.OtherSecrets, .. ScopeWorld.DepartmentLineSecrets],
        "officer" => [.. ScopeWorld.OtherSecrets, .. ScopeWorld.DepartmentLineSecrets],
        _ => [],
    };

    /// <summary>Units whose reports the actor must not change (a focal point may change the own unit's).</summary>
    public static string[] Protected(string actor) => actor == "focal"
        ? [ScopeWorld.SiblingUnit, ScopeWorld.OtherUnit, ScopeWorld.DepartmentLineUnit]
        : [ScopeWorld.OwnUnit, ScopeWorld.SiblingUnit, ScopeWorld.OtherUnit, ScopeWorld.DepartmentLineUnit];

    /// <summary>Runs one case through the real engine and returns what went wrong (empty when the case holds).</summary>
    public static async Task<List<string>> RunAsync(ScopeWorld world, string actor, MatrixCase c)
    {
        var problems = new List<string>();
        var user = await world.UserAsync(actor);
        var input = c.Input.Replace("{own}", world.OwnCommune, StringComparison.Ordinal).Replace("{other}", world.OtherCommune, StringComparison.Ordinal);
        var before = await world.FingerprintAsync(Protected(actor)) + await world.PeopleFingerprintAsync();
        var replies = input.StartsWith("st:", StringComparison.Ordinal) || input.StartsWith("cmd:", StringComparison.Ordinal)
            ? await world.Chat.PressAsync(user, input)
            : await world.Chat.SendAsync(user, input);
        var after = await world.FingerprintAsync(Protected(actor)) + await world.PeopleFingerprintAsync();
        var text = Readable(replies);

        if (replies.Count == 0 || string.IsNullOrWhiteSpace(ConversationHarness.Text(replies)))
        {
            problems.Add("no reply");
        }

        foreach (var secret in Forbidden(actor).Where(s => text.Contains(s, StringComparison.Ordinal)))
        {
            problems.Add($"reply shows \"{secret}\" outside the scope");
        }

        if (before != after)
        {
            problems.Add("reports or people outside the scope changed");
        }

        var file = replies.Select(r => r.File).FirstOrDefault(f => f is not null);
        if (c.Kind == CaseKind.Export)
        {
            var allowed = actor is "so" or "admin" || (actor == "officer" && c.Scope != CaseScope.Other);
            if (allowed && file is null)
            {
                problems.Add("an allowed export gave no file: " + Head(text));
            }

            if (!allowed && file is not null)
            {
                problems.Add("a refused export still gave a file");
            }

            if (!allowed && !IsRefusal(actor, text))
            {
                problems.Add("the export refusal is missing: " + Head(text));
            }
        }
        else if (file is not null)
        {
            problems.Add("a file came back where none was asked");
        }

        problems.AddRange(Expected(actor, c, text));
        return problems;
    }

    /// <summary>The answers an allowed action must give, and the refusals a question about another scope must give.</summary>
    private static IEnumerable<string> Expected(string actor, MatrixCase c, string text)
    {
        if (c.Id is "/trangthai" or "button trangthai")
        {
            var want = actor switch
            {
                "anonymous" or "staff" => "chỉ dành cho",
                "focal" => "Trường Tiểu học Yên Mô A",
                "officer" => "Đã nộp 1/2",
                _ => "Đã nộp 2/4",
            };
            if (!text.Contains(want, StringComparison.Ordinal))
            {
                yield return $"status should say \"{want}\": " + Head(text);
            }
        }

        if (c.Id is "/baocao" or "button baocao")
        {
            var want = actor == "focal" ? "Trường Tiểu học Yên Mô A" : FilingTexts.NotAFocalPoint;
            if (!text.Contains(want, StringComparison.Ordinal))
            {
                yield return $"filing should say \"{want}\": " + Head(text);
            }
        }

        // "các chỉ tiêu so với kế hoạch" is also a plan question: people without status rights get the plan answer instead.
        var planQuestionToo = c.Id == "indicator table other" && actor is "anonymous" or "staff" or "focal";
        if (c.Kind == CaseKind.Question && c.Scope == CaseScope.Other && actor is not ("so" or "admin") && !planQuestionToo && !IsRefusal(actor, text))
        {
            yield return "a question about another scope was not refused: " + Head(text);
        }

        if (c.Id == "missing own" && actor is "officer" or "so" or "admin" && !text.Contains("Trường Mầm non Yên Mô B", StringComparison.Ordinal))
        {
            yield return "the missing list should name the school that has not filed: " + Head(text);
        }

        // Positive controls: the secrets are readable where the scope allows, so their absence elsewhere means something.
        if (c.Id == "missing own" && actor == "officer" && !text.Contains("0229 333 4444", StringComparison.Ordinal))
        {
            yield return "the commune officer should see the phone of the own commune's school: " + Head(text);
        }

        if (c.Id == "button export" && actor is "so" or "admin"
            && !(text.Contains("Trường Tiểu học Hoa Lư A", StringComparison.Ordinal) && text.Contains("Trường Tiểu học Yên Mô A", StringComparison.Ordinal)))
        {
            yield return "the province export should name the schools of both communes";
        }

        if (c.Id == "button export own" && actor == "officer" && !text.Contains("Trường Tiểu học Yên Mô A", StringComparison.Ordinal))
        {
            yield return "the commune export should name the commune's school";
        }
    }

    /// <summary>A Vietnamese refusal for this actor: the wording differs by role, the meaning does not.</summary>
    private static bool IsRefusal(string actor, string text) => actor switch
    {
        "anonymous" or "staff" => text.Contains("chỉ dành cho", StringComparison.Ordinal) || text.Contains("chưa đăng ký", StringComparison.Ordinal),
        // A focal point who asks for the unscoped export or status gets the own unit's reports instead (no file).
        "focal" => text.Contains("chỉ xem được", StringComparison.Ordinal) || text.Contains("chỉ dành cho", StringComparison.Ordinal)
            || text.StartsWith("Báo cáo của Trường Tiểu học Yên Mô A", StringComparison.Ordinal),
        _ => text.Contains("không xem được", StringComparison.Ordinal) || text.Contains("không có quyền", StringComparison.Ordinal),
    };

    /// <summary>Everything a person can read in the replies: texts, button labels and the text inside an attached file.</summary>
    private static string Readable(IReadOnlyList<Reply> replies)
    {
        var all = new StringBuilder(ConversationHarness.Text(replies));
        foreach (var reply in replies)
        {
            foreach (var button in (reply.Buttons ?? []).SelectMany(row => row))
            {
                all.Append('\n').Append(button.Label);
            }

            if (reply.File is { } file)
            {
                all.Append('\n').Append(FileText(file.Content));
            }
        }

        return all.ToString();
    }

    /// <summary>The text of an xlsx (every XML part of the zip), or of a plain file.</summary>
    private static string FileText(byte[] content)
    {
        if (content.Length < 2 || content[0] != (byte)'P' || content[1] != (byte)'K')
        {
            return Encoding.UTF8.GetString(content);
        }

        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(System.Net.WebUtility.HtmlDecode(reader.ReadToEnd())).Append('\n');
        }

        return text.ToString();
    }

    private static string Head(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
