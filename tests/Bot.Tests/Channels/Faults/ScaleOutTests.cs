namespace DtsAssistant.Bot.Tests.Channels.Faults;

/// <summary>
/// Two server processes on one PostgreSQL database, each chat's webhook updates alternating between them and one in ten
/// delivered to both (as a retried delivery reaching the other replica), one replica killed with SIGKILL on the way:
/// no stale state from a process cache, no answer lost or applied twice (see <see cref="FilingUnderFaults"/>).
/// </summary>
public sealed class ScaleOutTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Conversation.PostgresFact]
    public async Task Two_replicas_on_one_postgresql_file_consistently_with_updates_spread_and_redelivered_across_them()
    {
        await using var postgres = await ThrowawayPostgres.CreateAsync();
        var run = new FilingUnderFaults
        {
            FocalPoints = 30,
            Replicas = 2,
            Redeliver = 0.1,
            Kills = 1,
            Postgres = postgres.ConnectionString,
            Log = output.WriteLine,
        };

        var outcome = await run.RunAsync(TestData.NewFolder());

        output.WriteLine($"seed {run.Seed}");
        Assert.Equal(0, outcome.Lost);
        Assert.Equal(outcome.ExpectedRows, outcome.Acknowledged);
        Assert.Equal(1, outcome.DistinctValueSets);
        Assert.Equal(1, outcome.DistinctRevisions);
        Assert.Equal(30, outcome.Submitted);
        Assert.Equal(30, outcome.Receipts);
        Assert.Equal(0, outcome.ErrorReplies);
        Assert.Empty(outcome.Stuck);
        Assert.True(outcome.ReplayedFromStore > 0, "no redelivered update was answered from its stored replies");
    }
}
