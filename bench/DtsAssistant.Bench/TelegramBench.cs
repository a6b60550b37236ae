namespace DtsAssistant.Bench;

internal static class TelegramBench
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("not implemented yet");
        return Task.FromResult(3);
    }
}
