using Microsoft.Data.Sqlite;

namespace DtsAssistant.Bot.Channels.State;

/// <summary>Plain commands on the channels' own SQLite files (channel state, web sessions).</summary>
internal static class SqliteCommands
{
    /// <summary>
    /// Opens (creating it and its folder if need be) a SQLite file only the owner may read, as the channels' own files
    /// hold chat ids, tokens and web history (its -wal/-shm get the same mode).
    /// </summary>
    public static SqliteConnection OpenOwnerOnly(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        DtsAssistant.Reporting.Backup.OwnerOnlyFile.CreateIfMissing(full);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

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
