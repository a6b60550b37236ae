using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Bot.Cli;

/// <summary>What the one-shot commands share: the host's configuration sources and "--name value" options.</summary>
internal static class CliSupport
{
    /// <summary>appsettings.json in the working directory (optional) and environment variables, as the host reads them.</summary>
    public static IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>The value after <paramref name="name"/> ("--user ana" → "ana"), or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
