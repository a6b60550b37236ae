using System.Net;
using System.Text.RegularExpressions;
using DtsAssistant.Bot.Channels;

namespace DtsAssistant.Bot.Tests.Channels;

public sealed partial class MessageSplitterTests
{
    [Fact]
    public void A_short_message_stays_one_chunk_unchanged()
    {
        Assert.Equal(["Hạn nộp: trước ngày 20."], MessageSplitter.Split("Hạn nộp: trước ngày 20.", 100));
    }

    [Fact]
    public void Long_text_is_cut_at_paragraph_boundaries_first()
    {
        var text = string.Join("\n\n", new[] { new string('a', 60), new string('b', 60), new string('c', 60) });

        var chunks = MessageSplitter.Split(text, 130);

        Assert.Equal([new string('a', 60) + "\n\n" + new string('b', 60), new string('c', 60)], chunks);
    }

    [Fact]
    public void Without_paragraphs_it_cuts_at_sentence_ends_then_spaces()
    {
        var text = "Câu thứ nhất khá dài một chút. Câu thứ hai cũng dài như thế này. Câu ba.";

        var chunks = MessageSplitter.Split(text, 40);

        Assert.Equal("Câu thứ nhất khá dài một chút.", chunks[0]);
        Assert.All(chunks, c => Assert.True(c.Length <= 40));
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(chunks).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_tags_open_at_a_cut_are_closed_and_reopened_and_entities_are_never_cut()
    {
        var html = "<b>" + string.Concat(Enumerable.Repeat("chỉ tiêu &amp; mục tiêu ", 20)) + "</b> <i>xong</i>";

        var chunks = MessageSplitter.Split(html, 50, html: true);

        Assert.True(chunks.Count > 5);
        foreach (var chunk in chunks)
        {
            Assert.True(Visible(chunk).Length <= 50, chunk);
            Assert.Equal(Regex.Count(chunk, "<b>"), Regex.Count(chunk, "</b>"));
            Assert.Equal(Regex.Count(chunk, "<i>"), Regex.Count(chunk, "</i>"));
            Assert.DoesNotMatch("&[a-z]*$", chunk.Replace("</b>", "", StringComparison.Ordinal));
        }
        Assert.StartsWith("<b>", chunks[1]);
        Assert.Equal(Visible(html).Replace(" ", "", StringComparison.Ordinal),
            string.Concat(chunks.Select(Visible)).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void An_emoji_is_never_split_in_half()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 30));

        var chunks = MessageSplitter.Split(text, 17);

        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.Equal(text, string.Concat(chunks));
    }

    private static string Visible(string html) => WebUtility.HtmlDecode(Tags().Replace(html, ""));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
