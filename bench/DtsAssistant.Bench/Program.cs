// Benchmarks: `dotnet run -c Release --project bench/DtsAssistant.Bench -- <suite>`.
// Each suite prints its own figures; see README "Benchmarks".
using DtsAssistant.Bench;

var suite = args.Length > 0 ? args[0] : "help";
var rest = args.Length > 0 ? args[1..] : [];
return suite switch
{
    "knowledge" => await KnowledgeBench.RunAsync(rest),
    "reporting" => await ReportingBench.RunAsync(rest),
    "conversation" => await ConversationBench.RunAsync(rest),
    "telegram" => await TelegramBench.RunAsync(rest),
    "orchestration" => await OrchestrationBench.RunAsync(rest),
    "faults" => await FaultsBench.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: DtsAssistant.Bench knowledge|reporting|conversation|telegram|orchestration|faults [options]");
    return 2;
}
