using Microsoft.Data.Sqlite;

namespace DtsAssistant.Bot.Channels.State;

/// <summary>Plain commands on the channels' own SQLite files (channel state, web sessions).</summary>
internal static class SqliteCommands
{
    public static void Execute(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
