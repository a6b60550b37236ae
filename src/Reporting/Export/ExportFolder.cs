using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Reporting.Export;

/// <summary>
/// Where exports (and charts) are written to disk: <c>Reporting:ExportsFolder</c> (default <c>data/exports</c> under the
/// working directory), each under a unique name, removed after <c>Reporting:ExportRetentionDays</c> (default 7) by
/// <see cref="ExportCleanupService"/>. Time from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class ExportFolder(string folder, TimeSpan retention, TimeProvider clock)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public TimeSpan Retention { get; } = retention;

    /// <summary>Writes the content as <c>&lt;stem&gt;-&lt;yyyyMMdd-HHmmss&gt;-&lt;random&gt;&lt;ext&gt;</c> and returns the full path.</summary>
    public string Save(string fileName, byte[] content)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var safe = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var stamp = clock.GetUtcNow().ToOffset(DtsAssistant.Text.VietnamTime.Offset).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(Folder, $"{safe}-{stamp}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{Path.GetExtension(fileName)}");
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, clock.GetUtcNow().UtcDateTime);
        return path;
    }

    /// <summary>Deletes files written longer than the retention ago; returns how many.</summary>
    public int Prune()
    {
        if (!System.IO.Directory.Exists(Folder))
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        var removed = 0;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                    removed++;
                }
                catch (IOException)
                {
                    // Open elsewhere: next round.
                }
            }
        }

        return removed;
    }
}

/// <summary>Removes old exports once an hour (and at start).</summary>
internal sealed class ExportCleanupService(ExportFolder exports, TimeProvider time, ILogger<ExportCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            var removed = exports.Prune();
            if (removed > 0)
            {
                logger.LogInformation("Removed {Count} exports older than {Days} days from {Folder}", removed, exports.Retention.TotalDays, exports.Folder);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
