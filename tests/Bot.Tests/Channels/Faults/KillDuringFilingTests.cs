namespace DtsAssistant.Bot.Tests.Channels.Faults;

/// <summary>
/// The `faults` benchmark in small: focal points filing at once through the fake Telegram API while the server process
/// is killed with SIGKILL at a random moment and started again (see <see cref="FilingUnderFaults"/>).
/// </summary>
public sealed class KillDuringFilingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Focal_points_filing_at_once_lose_nothing_and_double_nothing_when_the_server_is_killed()
    {
        var folder = TestData.NewFolder();
        var run = new FilingUnderFaults { FocalPoints = 40, Kills = 2, Log = output.WriteLine };

        var outcome = await run.RunAsync(folder);

        output.WriteLine($"seed {run.Seed}");
        Assert.Equal(2, outcome.Kills);
        Assert.Equal(0, outcome.Lost);
        Assert.Equal(outcome.ExpectedRows, outcome.Acknowledged);
        Assert.Equal(1, outcome.DistinctValueSets);
        Assert.Equal(1, outcome.DistinctRevisions);
        Assert.Equal(40, outcome.Submitted);
        Assert.Equal(40, outcome.Receipts);
        Assert.Equal(0, outcome.ErrorReplies);
        Assert.Empty(outcome.Stuck);
    }
}
