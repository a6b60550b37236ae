using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bot.Tests.Channels.Fakes;

/// <summary>A logger provider that keeps every formatted line of the categories that start with a prefix, for asserting log lines.</summary>
public sealed class LogCapture(string categoryPrefix) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, bool kept) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => kept;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (kept)
            {
                owner._lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
