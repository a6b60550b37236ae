namespace DtsAssistant.Bot.Cli;

/// <summary>The command line: the first argument picks the command; no argument starts the server.</summary>
internal static class BotCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "serve" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        return command switch
        {
            "serve" or "server" => await ServeCommand.RunAsync(rest),
            "chat" => await ChatCommand.RunAsync(rest),
            "ask" => await AskCommand.RunAsync(rest),
            "eval" => await EvalCommand.RunAsync(rest),
            "import" => await ImportCommand.RunAsync(rest),
            "invites" => await InvitesCommand.RunAsync(rest),
            "reminders" => await RemindersCommand.RunAsync(rest),
            "zalo" => await ChannelsCommand.ZaloAsync(rest),
            "people" when rest is ["list"] => await AdminCommands.PeopleAsync(),
            "people" => await ChannelsCommand.PeopleAsync(rest),
            "roles" => await AdminCommands.RolesAsync(rest),
            "backup" => await BackupCommand.BackupAsync(rest),
            "restore" => await BackupCommand.RestoreAsync(rest),
            "sample" => await SampleCommand.RunAsync(rest),
            "-h" or "--help" or "help" => PrintUsage(Console.Out, 0),
            // Options such as --urls belong to the server.
            _ when command.StartsWith('-') => await ServeCommand.RunAsync(args),
            _ => PrintUsage(Console.Error, 2),
        };
    }

    private static int PrintUsage(TextWriter writer, int exitCode)
    {
        writer.WriteLine("""
            DtsAssistant — trợ lý chuyển đổi số ngành GDĐT Ninh Bình

              (không tham số)                     chạy máy chủ: web chat, Telegram, Zalo (nếu cấu hình)
              chat                                trò chuyện trong terminal (đọc stdin nếu không phải terminal)
              ask [--json] "<câu hỏi>"            trả lời một câu hỏi
              eval <file.jsonl> [--output f]      chạy bộ câu hỏi đánh giá
              import units <file.csv|xlsx> [--accept-valid]
                                                  nhập danh mục đơn vị
              invites create --unit <mã> --role <vai trò> [--count N]
              invites export <file.xlsx>
              invites revoke <số>                 thu hồi một mã mời chưa dùng
              people list                         người đã đăng ký, tài khoản chat và vai trò (có số)
              roles revoke <số>                   thu hồi một vai trò
              backup <tệp>                        sao lưu CSDL SQLite (an toàn khi máy chủ đang chạy)
              restore <tệp>                       khôi phục từ bản sao lưu (dừng máy chủ trước)
              reminders preview --at <ISO time>   các nhắc nhở sẽ gửi vào thời điểm đó (không gửi)
              zalo tokens status | reset --yes     cặp token Zalo đã lưu: xem hạn / xóa để dùng cặp trong cấu hình
              people unreachable                  những người không nhận được tin nhắn và lý do
              sample reports --months N           điền báo cáo mẫu cho N tháng gần nhất (chỉ với danh mục mẫu MAU-)
            """);
        return exitCode;
    }
}
