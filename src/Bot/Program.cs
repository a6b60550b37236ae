using DtsAssistant.Bot.Cli;

return await BotCli.RunAsync(args);
