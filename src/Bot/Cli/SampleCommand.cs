using System.Globalization;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>sample reports --months N</c>: plausible filings (some late, some missing) for the last N monthly periods of the
/// synthetic sample directory, so that status, exports and reminders can be seen on a fresh machine. Refuses when the
/// directory holds real units.
/// </summary>
internal static class SampleCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() != "reports"
            || !int.TryParse(CliSupport.Option(args, "--months") ?? "3", NumberStyles.None, CultureInfo.InvariantCulture, out var months) || months is < 1 or > 36)
        {
            Console.Error.WriteLine("Cách dùng: sample reports --months N   (N từ 1 đến 36)");
            return 2;
        }

        await using var services = ImportCommand.BuildReportingServices();
        var result = await SampleReports.FillRecentAsync(services.GetRequiredService<ReportingDatabase>(), services.GetRequiredService<IFormCatalog>(),
            services.GetRequiredService<IReportingSchedule>(), months);
        if (result is not { } filled)
        {
            Console.Error.WriteLine("Không tạo báo cáo mẫu: danh mục đang có đơn vị thật (mã không bắt đầu bằng MAU-) hoặc đang trống. " +
                "Lệnh này chỉ dùng với danh mục mẫu (import units --sample).");
            return 1;
        }

        Console.WriteLine($"Đã tạo {filled.Reports} báo cáo mẫu cho {string.Join(", ", filled.Periods.Select(p => p.Label))} (DỮ LIỆU MẪU).");
        return 0;
    }
}
