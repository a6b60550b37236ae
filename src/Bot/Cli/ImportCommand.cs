using DtsAssistant.Reporting;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>import units &lt;file.csv|xlsx&gt; [--accept-valid]</c> — imports the unit directory (all-or-nothing unless
/// --accept-valid); <c>import units --sample [--output file.csv]</c> — loads (or writes) the synthetic sample directory.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[0] != "units")
        {
            Console.Error.WriteLine("Cách dùng: import units <tệp.csv|tệp.xlsx> [--accept-valid]  |  import units --sample [--output tệp.csv]");
            return 2;
        }

        var acceptValid = args.Contains("--accept-valid");
        await using var services = BuildReportingServices();
        var importer = services.GetRequiredService<UnitImporter>();
        var admin = Caller.System("cli");
        ImportResult result;
        if (args[1] == "--sample")
        {
            var rows = SampleDirectory.Generate();
            if (CliSupport.Option(args, "--output") is { } output)
            {
                await File.WriteAllBytesAsync(output, SampleDirectory.ToCsv(rows));
                Console.WriteLine($"Đã ghi {rows.Count} đơn vị mẫu ({SampleDirectory.Label}) vào {output}.");
                return 0;
            }

            result = await importer.ImportRowsAsync(admin, rows, acceptValid: false, markSample: true);
        }
        else
        {
            var path = args[1];
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"Không tìm thấy tệp {path}.");
                return 2;
            }

            try
            {
                result = await importer.ImportFileAsync(admin, path, acceptValid);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message.Split(" (Parameter", 2)[0]);
                return 2;
            }
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error.Message);
        }

        if (!result.Imported)
        {
            Console.Error.WriteLine(result.Errors.Count > 0 && result.Rows > 0
                ? $"Không nhập gì: {result.Errors.Count}/{result.Rows} dòng có lỗi. Sửa các dòng trên, hoặc thêm --accept-valid để chỉ nhập các dòng hợp lệ."
                : "Không nhập gì.");
            return 1;
        }

        Console.WriteLine($"Đã nhập {result.Rows - result.Errors.Count}/{result.Rows} dòng: {result.Created} đơn vị mới, {result.Updated} cập nhật, " +
                          $"{result.Unchanged} không đổi, {result.CommunesCreated} xã/phường mới.");
        return 0;
    }

    /// <summary>The reporting services alone, with the host's configuration (appsettings.json, environment variables).</summary>
    internal static ServiceProvider BuildReportingServices()
    {
        var configuration = CliSupport.Configuration();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddReporting(configuration);
        return services.BuildServiceProvider();
    }
}
