namespace DtsAssistant.Reporting.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>SQLite's <c>synchronous</c> setting for the reporting database (docs/reporting.md, "Durability").</summary>
public enum SqliteSynchronous
{
    /// <summary>Each commit is fsynced before it returns: an acknowledged answer survives a power cut. The default.</summary>
    Full,

    /// <summary>WAL is fsynced only at checkpoints: survives a process crash, but a power cut may lose the last commits.</summary>
    Normal,
}

/// <summary>Settings under "Database": Provider (Sqlite | Postgres), ConnectionString and, for SQLite, Synchronous.</summary>
public sealed class DatabaseOptions
{
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Default for SQLite: the file data/dts.db under the working directory. Required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }
}
