using System.Globalization;
using DtsAssistant.Reporting;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>sample reports --months N</c>: fills the last N months of the synthetic directory with sample filings (some late,
/// some missing) so that status, charts and the dashboard show something on a fresh machine. Refuses on a directory
/// with real units. Prints one line per month with the figures read back through the status service.
/// </summary>
internal static class SampleCommand
{
    public const string Usage = "Cách dùng: sample reports --months N   (N từ 1 đến 36: điền báo cáo mẫu cho N tháng gần nhất)";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configureServices: null);

    /// <param name="args">After "sample"; settings as "--Section:Key=value" are read as configuration.</param>
    /// <param name="configureServices">Lets tests replace services (a FakeTimeProvider).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices)
    {
        if (args.FirstOrDefault() != "reports"
            || !int.TryParse(CliSupport.Option(args, "--months"), NumberStyles.None, CultureInfo.InvariantCulture, out var months)
            || months is < 1 or > SampleFilings.MaxMonths)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddConfiguration(CliSupport.Configuration())
            .AddCommandLine([.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='))])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        configureServices?.Invoke(services);
        services.AddReporting(configuration);
        services.AddSingleton<SampleFilings>();
        await using var provider = services.BuildServiceProvider();

        var fill = await provider.GetRequiredService<SampleFilings>().FillAsync(months);
        if (fill.Refused)
        {
            await error.WriteLineAsync(
                $"Tôi không điền dữ liệu mẫu: danh mục đang có đơn vị thật (ví dụ {string.Join(", ", fill.RealUnits)}). " +
                "Lệnh này chỉ dùng cho danh mục mẫu (mã bắt đầu bằng MAU-), để không lẫn số liệu giả với báo cáo thật.");
            return 1;
        }

        var status = provider.GetRequiredService<IStatusService>();
        var admin = Caller.System("cli");
        var filed = 0;
        foreach (var period in fill.Periods)
        {
            var label = char.ToUpperInvariant(period.Period.Label[0]) + period.Period.Label[1..];
            if (period.Skipped)
            {
                await output.WriteLineAsync($"{label}: đã có báo cáo, bỏ qua.");
                continue;
            }

            var overall = (await status.StatusAsync(admin, period.Period)).Overall;
            filed += period.Filed;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {period.Filed}/{period.Units} đơn vị đã nộp ({overall.OnTime} đúng hạn, {overall.Late} muộn), {period.Units - period.Filed} chưa nộp."));
        }

        await output.WriteLineAsync($"Đã điền {filed} báo cáo mẫu ({SampleDirectory.Label}) cho {fill.Periods.Count(p => !p.Skipped)} tháng.");
        return 0;
    }
}
