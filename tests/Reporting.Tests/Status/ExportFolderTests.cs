using DtsAssistant.Reporting.Export;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Status;

public sealed class ExportFolderTests
{
    [Fact]
    public void Exports_get_unique_names_and_are_removed_after_the_retention()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dts-exports-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 10, 2, 0, 0, TimeSpan.Zero));
        var exports = new ExportFolder(folder, TimeSpan.FromDays(7), clock);
        try
        {
            var first = exports.Save("bao-cao-2025-11.xlsx", [1, 2, 3]);
            var second = exports.Save("bao-cao-2025-11.xlsx", [4, 5]);

            Assert.NotEqual(first, second);
            Assert.StartsWith(Path.Combine(folder, "bao-cao-2025-11-20251110-090000-"), first);
            Assert.EndsWith(".xlsx", first);
            Assert.Equal([1, 2, 3], File.ReadAllBytes(first));

            clock.Advance(TimeSpan.FromDays(3));
            var later = exports.Save("bao-cao-2025-12.xlsx", [6]);
            Assert.Equal(0, exports.Prune());
            clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
            Assert.Equal(2, exports.Prune());
            Assert.False(File.Exists(first));
            Assert.True(File.Exists(later));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
