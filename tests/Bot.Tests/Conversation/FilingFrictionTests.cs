using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>What focal points tripped over while filing, each as a scripted conversation on a real SQLite file.</summary>
public sealed class FilingFrictionTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task AnswerUpToAsync(int questionIndex)
    {
        await chat.SayAsync("fp1", "/baocao");
        for (var i = 0; i < questionIndex; i++)
        {
            await chat.SayAsync("fp1", FilingConversationTests.PrimarySchoolAnswers[i]);
        }
    }

    [Theory]
    [InlineData("không có")]
    [InlineData("chưa có")]
    [InlineData("0 cái")]
    [InlineData("Không có cái nào")]
    public async Task None_said_in_words_is_zero_for_a_count(string typed)
    {
        await AnswerUpToAsync(1); // question 2: how many digital-transformation activities

        var reply = await chat.SayAsync("fp1", typed);

        Assert.Contains("✓ Đã lưu: 0", reply);
        Assert.Contains("Câu 3/17", reply);
        Assert.Equal("0", await chat.QueryAsync(db => db.Answers.Where(a => a.QuestionKey == "hoat_dong_cds").Select(a => a.Value).SingleAsync()));
    }

    [Fact]
    public async Task A_counting_word_after_a_number_in_words_is_read()
    {
        await AnswerUpToAsync(1);
        Assert.Contains("✓ Đã lưu: 3", await chat.SayAsync("fp1", "ba hoạt động"));
    }

    [Fact]
    public async Task Skipping_a_required_question_says_at_once_that_it_is_required_and_by_when()
    {
        await AnswerUpToAsync(0);

        var reply = await chat.SayAsync("fp1", "bỏ qua");

        Assert.Contains("câu bắt buộc", reply);
        Assert.Contains("hạn hết ngày 19/11/2025", reply);
        Assert.Contains("sửa 1", reply);
        Assert.Contains("Câu 2/17", reply);
    }

    [Fact]
    public async Task A_question_of_several_choices_has_toggle_buttons_and_a_done_button()
    {
        await AnswerUpToAsync(7); // question 9: software in use (several choices)
        var ask = (await chat.SendAsync("fp1", FilingConversationTests.PrimarySchoolAnswers[7]))[^1];
        Assert.Contains("Câu 9/17", ask.Text);
        var buttons = ask.ButtonRows.SelectMany(r => r).ToList();
        Assert.Contains(buttons, b => b.Label == "Xong");
        Assert.True(buttons.Count(b => b.Label.StartsWith("⬜ ", StringComparison.Ordinal)) >= 3);

        var first = await chat.PressAsync("fp1", buttons[0].Data);
        Assert.Contains("Câu 9/17", first[^1].Text);
        Assert.StartsWith("✅ ", first[^1].ButtonRows[0][0].Label);
        await chat.PressAsync("fp1", buttons[2].Data);
        var undone = await chat.PressAsync("fp1", buttons[0].Data);   // pressed again: unselected
        Assert.StartsWith("⬜ ", undone[^1].ButtonRows[0][0].Label);
        Assert.StartsWith("✅ ", undone[^1].ButtonRows[2][0].Label);

        var done = ConversationHarness.Text(await chat.PressAsync("fp1", buttons.Single(b => b.Label == "Xong").Data));

        Assert.Contains("Câu 10/17", done);
        var stored = await chat.QueryAsync(db => db.Answers.Where(a => a.QuestionKey == "phan_mem").Select(a => a.Value).SingleAsync());
        Assert.DoesNotContain(";", stored);
        Assert.Equal(buttons[2].Label[2..], ask.ButtonRows[2][0].Label[2..]);
    }

    [Fact]
    public async Task The_summary_is_compact_and_after_an_edit_only_the_changed_line_and_what_is_left_are_shown()
    {
        await AnswerUpToAsync(8);
        await chat.SayAsync("fp1", "1, 2, 3, 4");                 // several long choices: never cut
        for (var i = 9; i < FilingConversationTests.PrimarySchoolAnswers.Length; i++)
        {
            await chat.SayAsync("fp1", FilingConversationTests.PrimarySchoolAnswers[i]);
        }

        var summary = await chat.SendAsync("fp1", "xem lại");
        var text = summary[^1].Text;
        var lines = text.Split('\n');
        var software = lines.Single(l => l.StartsWith("9. ", StringComparison.Ordinal));
        var options = Form().Questions.Single(q => q.Key == "phan_mem").Options.Take(4).ToList();
        Assert.All(options, o => Assert.Contains(o.Label, software));   // four choices, none cut
        Assert.DoesNotContain("…", software[(software.IndexOf(':') + 1)..]);
        foreach (var line in lines.Where(l => char.IsDigit(l[0]) && l.Contains('…', StringComparison.Ordinal)))
        {
            // A label is cut after a whole word: the text before "…" ends with a letter that ends a word of the question.
            var label = line[(line.IndexOf(". ", StringComparison.Ordinal) + 2)..line.IndexOf('…', StringComparison.Ordinal)];
            var question = await QuestionTextAsync(int.Parse(line[..line.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith(label, question);
            Assert.True(question.Length == label.Length || !char.IsLetterOrDigit(question[label.Length]), $"cut mid-word: {line}");
        }

        Assert.Contains("Câu 4/17", await chat.SayAsync("fp1", "sửa 4"));
        var afterEdit = await chat.SayAsync("fp1", "7");

        Assert.Contains("✓ Đã lưu: 7", afterEdit);
        Assert.Contains("đã sửa câu 4", afterEdit);
        Assert.Contains("\n4. ", afterEdit);
        Assert.DoesNotContain("\n1. ", afterEdit);
        Assert.DoesNotContain("\n9. ", afterEdit);
        Assert.Contains("gửi", afterEdit);
        Assert.True(afterEdit.Split('\n').Length < text.Split('\n').Length / 2, afterEdit);

        await chat.SayAsync("fp1", "sửa 5");
        var kept = await chat.SayAsync("fp1", "giữ nguyên");                // no change: still the short view, not the whole summary
        Assert.Contains("đã sửa câu 5", kept);
        Assert.DoesNotContain("\n1. ", kept);
    }

    [Fact]
    public async Task After_a_restart_something_that_is_not_an_answer_shows_the_current_question_again_with_its_number()
    {
        await AnswerUpToAsync(1);
        await chat.RestartAsync();

        var reply = await chat.SayAsync("fp1", "abc");

        Assert.Contains("ví dụ", reply);       // what is expected
        Assert.Contains("Câu 2/17", reply);     // and which question this is
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
    }

    [Fact]
    public async Task A_button_of_a_question_not_reached_yet_is_worded_as_such()
    {
        await AnswerUpToAsync(1);

        var reply = ConversationHarness.Text(await chat.PressAsync("fp1", "f:5:yes"));

        Assert.Contains("thuộc câu 6, chưa tới", reply);
        Assert.DoesNotContain("đã qua", reply);
        Assert.Contains("Câu 2/17", reply);
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
    }

    [Fact]
    public async Task The_deadline_asked_mid_form_is_this_schools_own_and_names_its_commune_not_the_departments_form()
    {
        await AnswerUpToAsync(1);

        var replies = await chat.SendAsync("fp1", "hạn nộp là ngày nào? nộp về đâu?");

        Assert.Equal(2, replies.Count);
        Assert.Contains("hết ngày 19/11/2025", replies[0].Text);
        Assert.Contains("UBND Xã Yên Mô", replies[0].Text);
        Assert.DoesNotContain("forms.gle", replies[0].Text);
        Assert.Contains("Câu 2/17", replies[1].Text);
    }

    private FormDefinition Form() => chat.Services.GetRequiredService<IFormCatalog>().ForPeriod(Period.Month(2025, 11))!;

    private Task<string> QuestionTextAsync(int number) =>
        Task.FromResult(Form().QuestionsFor(new UnitProfile(UnitKind.Primary, true))[number - 1].Text.TrimEnd('?', ' '));
}
