using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The web chat endpoints of the real host (scripted core where a file or a bad request is needed).</summary>
public sealed class WebChatTests : IAsyncLifetime
{
    private readonly ScriptedEngine _engine = new();
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChannelTestHost.StartAsync(TestData.NewFolder(), new Dictionary<string, string?>(), _engine);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_is_served_by_the_host_and_loads_nothing_from_outside()
    {
        var html = await _host.Http.GetStringAsync("/");
        var script = await _host.Http.GetStringAsync("/app.js");
        var style = await _host.Http.GetStringAsync("/app.css");

        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.Contains("/api/chat", script);
        Assert.Contains("/api/history", script);
        Assert.DoesNotContain("localStorage", script);
        foreach (var text in new[] { html, script, style })
        {
            Assert.DoesNotContain("http://", text);
            Assert.DoesNotContain("https://", text);
            Assert.DoesNotContain("//cdn", text);
        }
    }

    [Fact]
    public async Task Buttons_are_returned_with_their_data_and_pressing_one_reaches_the_core()
    {
        var first = await PostAsync(new { userId = "w0123456789abcdef", text = ScriptedEngine.ChoiceText });
        var button = first["replies"]![0]!["buttons"]![0]![0]!;
        Assert.Equal("Có", button["label"]!.ToString());

        var second = await PostAsync(new { userId = "w0123456789abcdef", buttonData = button["data"]!.ToString() });

        Assert.Equal($"Đã nhận lựa chọn: {ScriptedEngine.LongButtonData}", second["replies"]![0]!["text"]!.ToString());
        Assert.Equal("web", _engine.Received.Last().Channel);
    }

    [Fact]
    public async Task An_export_is_downloadable_from_the_link_in_the_reply()
    {
        var reply = await PostAsync(new { userId = "w0123456789abcdef", text = ScriptedEngine.FileText });
        var file = reply["replies"]![0]!["file"]!;

        var response = await _host.Http.GetAsync(file["url"]!.ToString());

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tong-hop.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("don_vi,trang_thai", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync("/files/0000000000000000")).StatusCode);
    }

    [Theory]
    [InlineData("{\"text\":\"   \"}")]
    [InlineData("{\"userId\":\"w0123456789abcdef\"}")]
    [InlineData("{\"text\":5}")]
    [InlineData("không phải JSON")]
    public async Task Bad_requests_get_a_Vietnamese_error_and_reach_nothing(string json)
    {
        var response = await _host.Http.PostAsync("/api/chat", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.ToString();
        Assert.Matches("[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]", error);
        Assert.Empty(_engine.Received);
    }

    [Fact]
    public async Task Health_reports_ok_and_the_live_channels()
    {
        var health = (await _host.Http.GetFromJsonAsync<JsonObject>("/health"))!;

        Assert.Equal("ok", health["status"]!.ToString());
        Assert.Equal(["web"], health["channels"]!.AsArray().Select(c => c!.ToString()));
    }

    private async Task<JsonObject> PostAsync(object body)
    {
        var response = await _host.Http.PostAsJsonAsync("/api/chat", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
