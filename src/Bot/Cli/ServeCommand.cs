using DtsAssistant.Bot.Hosting;

namespace DtsAssistant.Bot.Cli;

/// <summary>No arguments (or "serve"): the server with the web chat, Telegram and Zalo when configured.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = AssistantHost.Build(args);
        await app.RunAsync();
        return 0;
    }
}
