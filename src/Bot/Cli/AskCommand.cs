namespace DtsAssistant.Bot.Cli;

internal static class AskCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("Lệnh này chưa được cài đặt.");
        return Task.FromResult(3);
    }
}
