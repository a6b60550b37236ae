namespace DtsAssistant.Reporting.Backup;

/// <summary>Files only their owner can read and write (0600 on Unix): the database, its backups and the invite key.</summary>
public static class OwnerOnlyFile
{
    public static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    /// <summary>Creates an empty 0600 file (for SQLite to fill) unless one exists; SQLite gives its -wal and -shm files the same mode.</summary>
    public static void CreateIfMissing(string path)
    {
        try
        {
            using var _ = new FileStream(path, Options(FileMode.CreateNew));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already there (or created by another process at the same moment): SQLite opens it as it is. Anything
            // else (a folder in its place, no permission) is for SQLite to report when the database is opened, so a
            // broken database degrades the assistant instead of stopping it at start.
        }
    }
}
