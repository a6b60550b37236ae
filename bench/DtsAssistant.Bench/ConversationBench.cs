namespace DtsAssistant.Bench;

internal static class ConversationBench
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("not implemented yet");
        return Task.FromResult(3);
    }
}
