using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Tests.Channels;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>/dulieucuatoi and /xoadulieu through the real core (and, for the web chat, over HTTP).</summary>
public sealed class PersonalDataConversationTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync() =>
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task A_person_sees_what_is_held_then_erases_it_after_confirming_and_becomes_anonymous()
    {
        Assert.Contains("không lưu dữ liệu cá nhân", await chat.SayAsync("pd-777", "/dulieucuatoi"));
        await chat.RegisterAsync("pd-777", Role.FocalPoint, "TH-YM-A");

        var view = await chat.SayAsync("pd-777", "/dulieucuatoi");
        Assert.Contains("telegram pd-777", view);
        Assert.Contains("đầu mối CĐS — Trường Tiểu học Yên Mô A", view);

        var ask = Assert.Single(await chat.SendAsync("pd-777", "/xoadulieu"));
        Assert.Contains("có chắc muốn xóa", ask.Text);
        Assert.Contains("giữ nguyên", ConversationHarness.Text(await chat.PressAsync("pd-777", ask.ButtonRows[0][1].Data)));
        Assert.Contains("đầu mối CĐS", await chat.SayAsync("pd-777", "/toi"));

        var done = ConversationHarness.Text(await chat.PressAsync("pd-777", ask.ButtonRows[0][0].Data));

        Assert.Contains("Đã xóa dữ liệu cá nhân", done);
        Assert.Contains("chưa đăng ký", await chat.SayAsync("pd-777", "/toi"));
        Assert.Equal(0, await chat.QueryAsync(db => db.ChatIdentities.CountAsync()));
        Assert.Equal(0, await chat.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Actor.Contains("pd-777"))));
        Assert.Equal("đã xóa", await chat.QueryAsync(db => db.People.Select(p => p.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task On_the_web_chat_erasure_also_forgets_the_session_and_its_history()
    {
        await using var host = await ChannelTestHost.StartAsync(TestData.NewFolder(), new Dictionary<string, string?>(), engine: null);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        var ask = await PostAsync(browser, new { text = "/xoadulieu" });
        var yes = ask["replies"]![0]!["buttons"]![0]![0]!["data"]!.ToString();
        Assert.NotEmpty((await browser.GetFromJsonAsync<JsonObject>("/api/history"))!["entries"]!.AsArray());

        var done = await PostAsync(browser, new { buttonData = yes });

        Assert.Contains("xóa", done["replies"]![0]!["text"]!.ToString());
        Assert.Empty((await browser.GetFromJsonAsync<JsonObject>("/api/history"))!["entries"]!.AsArray());
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/chat", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
