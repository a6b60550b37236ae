using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Tests.Channels;

namespace DtsAssistant.Bot.Tests.Hardening;

/// <summary>/xoadulieu also clears what the channel state file keeps about the chat, and the file does not keep the bytes.</summary>
public sealed class ChannelStateErasureTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    [Fact]
    public void Forgetting_a_chat_removes_its_handled_updates_buttons_choices_and_marks_and_leaves_other_chats_alone()
    {
        var path = Path.Combine(_folder, "channels.db");
        const string erased = "8817263544";
        const string other = "5511009922";
        using (var store = new ChannelStateStore(path, TimeProvider.System))
        {
            foreach (var chat in new[] { erased, other })
            {
                var item = store.AddToInbox([new InboxItem("telegram", "u-" + chat, chat, "{\"text\":\"ghi chú " + chat + "\"}")])[0];
                store.MarkDone(item);
                store.SaveButton(chat, "ans:1:" + chat);
                store.SetChoices("telegram", chat, [new ReplyButton("Một", "c1-" + chat)]);
                store.MarkUndeliverable("telegram", chat, Unreachable.Blocked, "nhắc nhở " + chat);
            }

            Assert.True(store.ForgetChat("telegram", erased) >= 4);

            Assert.Empty(store.GetChoices("telegram", erased));
            Assert.True(store.IsReachable("telegram", erased));
            Assert.NotEmpty(store.GetChoices("telegram", other));
            Assert.False(store.IsReachable("telegram", other));
            // The handled id is gone, so the duplicate filter no longer holds it; the other chat's still does.
            store.MarkDone(Assert.Single(store.AddToInbox([new InboxItem("telegram", "u-" + erased, erased, "{}")])));
            Assert.Empty(store.AddToInbox([new InboxItem("telegram", "u-" + other, other, "{}")]));
            Assert.Equal(1, store.ForgetChat("telegram", erased));
        }

        // secure_delete: the erased rows are overwritten in the file, not just unlinked (the WAL is checkpointed on close).
        var bytes = string.Concat(Directory.GetFiles(_folder, "channels.db*").Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains(other, bytes);
        Assert.DoesNotContain(erased, bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
