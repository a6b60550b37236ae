using System.Security.Cryptography;
using DtsAssistant.Reporting.Backup;
using DtsAssistant.Reporting.Data;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Reporting.Directory;

/// <summary>
/// The secret that keys invite-code hashes (HMAC-SHA256). It lives in a file outside the database — by default next
/// to the SQLite file (<c>dts.db</c> → <c>dts.invite-key</c>), or at <c>Reporting:InviteKeyPath</c> (required in
/// spirit for PostgreSQL, where the default is <c>data/invite.key</c> under the working directory) — created on first
/// use with 32 random bytes and permissions 0600. A copy of the database alone therefore cannot check a guessed code.
/// Losing the file invalidates the open invites (issue them again); it must be backed up with the database.
/// </summary>
public sealed class InviteKey
{
    private readonly Lazy<byte[]> _key;

    public InviteKey(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _key = new Lazy<byte[]>(() => LoadOrCreate(Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    internal byte[] Bytes => _key.Value;

    public static InviteKey FromConfiguration(IConfiguration configuration, ReportingDatabase database) =>
        configuration["Reporting:InviteKeyPath"] is { Length: > 0 } path ? new InviteKey(path) : For(database);

    /// <summary>The default place for a database's key.</summary>
    public static InviteKey For(ReportingDatabase database)
    {
        if (database.SqliteFile is { } file)
        {
            return new InviteKey(System.IO.Path.ChangeExtension(file, ".invite-key"));
        }
        return new InviteKey(System.IO.Path.Combine(System.IO.Directory.GetCurrentDirectory(), "data", "invite.key"));
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            try
            {
                using var stream = new FileStream(path, OwnerOnlyFile.Options(FileMode.CreateNew));
                using var writer = new StreamWriter(stream);
                writer.WriteLine(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        var text = File.ReadAllText(path).Trim();
        var key = text.Length >= 64 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : null;
        return key is { Length: >= 32 } ? key
            : throw new InvalidOperationException($"The invite key file {path} is not 64+ hex characters; restore it from the backup.");
    }
}
