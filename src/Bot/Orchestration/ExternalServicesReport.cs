using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Orchestration.Llm;
using DtsAssistant.Knowledge.Qdrant;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// Says which external endpoints this configuration sends text to, so the host can log it at start (domain.md:
/// "must say clearly when it is configured to send text to one"). Only the endpoint's scheme, host and port are
/// shown; keys never are.
/// </summary>
internal static class ExternalServicesReport
{
    public static IReadOnlyList<string> Describe(IConfiguration configuration)
    {
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        var qdrant = configuration.GetSection(QdrantOptions.Section).Get<QdrantOptions>() ?? new QdrantOptions();
        var embeddings = configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        var telegram = configuration.GetSection("Telegram").Get<TelegramOptions>() ?? new TelegramOptions();
        var zalo = configuration.GetSection("Zalo").Get<ZaloOptions>() ?? new ZaloOptions();
        var lines = new List<string>();
        // The chat platforms come first: every message and reply of their users passes through them.
        if (telegram.Enabled)
        {
            lines.Add($"Telegram Bot API: {Origin(string.IsNullOrWhiteSpace(telegram.ApiBaseUrl) ? "https://api.telegram.org" : telegram.ApiBaseUrl)} "
                + $"({(string.IsNullOrWhiteSpace(telegram.WebhookUrl) ? "long polling" : "webhook " + Origin(telegram.WebhookUrl))}); "
                + "receives the replies to Telegram users and delivers their messages");
        }

        if (zalo.Enabled)
        {
            lines.Add($"Zalo OA API: {Origin(zalo.OpenApiBaseUrl)} and {Origin(zalo.OAuthBaseUrl)}; receives the replies to Zalo users and delivers their messages");
        }

        if (llm.IsConfigured)
        {
            lines.Add($"Language model: {Origin(llm.Endpoint)} (model {llm.Model}); receives questions and knowledge-base text"
                + (llm.AllowReportData ? " and report figures (Llm:AllowReportData=true)" : "; report figures are not sent"));
        }

        if (embeddings.IsConfigured)
        {
            lines.Add($"Embeddings: {Origin(embeddings.Endpoint)} (model {embeddings.Model}); receives questions and knowledge-base text");
        }

        if (qdrant.IsConfigured)
        {
            lines.Add($"Knowledge index: Qdrant at {Origin(qdrant.Endpoint)} (alias {qdrant.Alias}); stores knowledge-base text");
        }

        return lines.Count == 0 ? ["External services: none; everything runs on this machine"] : lines;
    }

    public static void Log(IConfiguration configuration, ILogger logger)
    {
        foreach (var line in Describe(configuration))
        {
            logger.LogInformation("{ExternalService}", line);
        }
    }

    private static string Origin(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "(invalid endpoint)";
}
