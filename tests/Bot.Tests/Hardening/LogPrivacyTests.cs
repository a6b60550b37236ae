using System.Collections.Concurrent;
using System.Net.Http.Json;
using DtsAssistant.Bot.Tests.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bot.Tests.Hardening;

/// <summary>
/// Message text and personal data never reach the log above Debug: the real server and core, every logger captured
/// at Trace, a conversation with a distinctive question, a wrong invite code and a registration.
/// </summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Above_debug_the_log_holds_no_message_text_and_no_invite_code()
    {
        var captured = new CapturingProvider();
        await using var host = await ChannelTestHost.StartAsync(TestData.NewFolder(), new Dictionary<string, string?>(), engine: null,
            services => services.AddLogging(b => b.AddProvider(captured).AddFilter<CapturingProvider>(null, LogLevel.Trace)));
        const string question = "Quyxtrimbo hạn nộp báo cáo của trường Zanthoria là ngày nào?";
        const string wrongCode = "QWERT-YUPAS";

        foreach (var text in new[] { question, "/dangky " + wrongCode, "ghi chú riêng Vexmortil 0912345678" })
        {
            (await host.Http.PostAsJsonAsync("/api/chat", new { text })).EnsureSuccessStatusCode();
        }

        var visible = captured.Entries.Where(e => e.Level > LogLevel.Debug).Select(e => e.Text).ToList();
        Assert.Contains(captured.Entries, e => e.Level == LogLevel.Information); // the capture really sees Information
        foreach (var secret in new[] { "Quyxtrimbo", "Zanthoria", "QWERT", "YUPAS", "Vexmortil", "0912345678" })
        {
            Assert.DoesNotContain(visible, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
        // The wrong code is logged as a warning, naming the chat only by its pseudonym, never by its id.
        var redemption = Assert.Single(visible, line => line.Contains("Invite redemption", StringComparison.Ordinal));
        Assert.Matches(@"by web:#[0-9a-f]{8} failed", redemption);
    }

    [Fact]
    public void A_chat_id_is_logged_as_a_keyed_pseudonym_that_is_stable_within_the_run()
    {
        var first = Hosting.LogPseudonym.Of("telegram:123456789");
        Assert.Matches(@"^telegram:#[0-9a-f]{8}$", first);
        Assert.DoesNotContain("123456789", first);
        Assert.Equal(first, Hosting.LogPseudonym.Of("telegram:123456789"));
        Assert.NotEqual(first, Hosting.LogPseudonym.Of("telegram:123456780"));
        Assert.Equal("-", Hosting.LogPseudonym.Of(null));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, $"{category}: {formatter(state, exception)} {exception}"));
        }
    }
}
