using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using DtsAssistant.Bot.Tests.Channels.Fakes;

namespace DtsAssistant.Bot.Tests.Orchestration;

/// <summary>
/// An OpenAI-compatible chat endpoint on 127.0.0.1 (random port) that answers from a script: each request to
/// /v1/chat/completions is handed to the next scripted step, which sees the request body and returns a reply
/// (text, tool calls, an HTTP error, or a delay). Every request body is kept for assertions.
/// </summary>
internal sealed class FakeOpenAiServer : LoopbackServer
{
    private readonly ConcurrentQueue<Func<JsonNode, CancellationToken, Task<IResult>>> _script = new();

    /// <summary>The base URL to configure as <c>Llm:Endpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        await server.ListenAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)server.HandleAsync);
            app.MapPost("/v1/embeddings", (Func<HttpContext, Task<IResult>>)server.EmbedAsync);
        });
        server.Endpoint = new Uri(server.BaseUrl.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Queues the answer to the next request.</summary>
    public FakeOpenAiServer Then(Func<JsonNode, CancellationToken, Task<IResult>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public FakeOpenAiServer ThenToolCall(string function, object arguments) =>
        Then((_, _) => Task.FromResult(Completion(null, [(function, JsonSerializer.Serialize(arguments))])));

    public FakeOpenAiServer ThenText(string content) => Then((_, _) => Task.FromResult(Completion(content, [])));

    public FakeOpenAiServer ThenText(Func<JsonNode, string> content) => Then((request, _) => Task.FromResult(Completion(content(request), [])));

    /// <summary>Answers only after <paramref name="delay"/>, or never when the client gives up first.</summary>
    public FakeOpenAiServer ThenDelay(TimeSpan delay, string content) => Then(async (_, aborted) =>
    {
        await Task.Delay(delay, aborted);
        return Completion(content, []);
    });

    public FakeOpenAiServer ThenStatus(int status) => Then((_, _) => Task.FromResult(Results.Json(new { error = new { message = "scripted failure", type = "server_error" } }, statusCode: status)));

    /// <summary>The messages of request <paramref name="index"/> (0-based) as the model received them.</summary>
    public JsonArray Messages(int index) => Requests.ElementAt(index)["messages"]!.AsArray();

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        Requests.Enqueue(body);
        return _script.TryDequeue(out var step)
            ? await step(body, context.RequestAborted)
            : Results.Json(new { error = new { message = "the fake has no scripted reply left" } }, statusCode: 500);
    }

    /// <summary>Embeddings requests, kept apart from chat requests.</summary>
    public ConcurrentQueue<JsonNode> EmbeddingRequests { get; } = new();

    /// <summary>A deterministic 8-dimensional embedding per input: its length and its first letters' codes.</summary>
    private async Task<IResult> EmbedAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        EmbeddingRequests.Enqueue(body);
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray([.. inputs.Select((text, index) =>
        {
            var vector = new float[8];
            vector[0] = text.Length;
            for (var i = 0; i < Math.Min(7, text.Length); i++)
            {
                vector[i + 1] = text[i];
            }

            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            return (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = index, ["embedding"] = embedding };
        })]);
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }

    private static IResult Completion(string? content, IReadOnlyList<(string Function, string Arguments)> toolCalls)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. toolCalls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{Guid.NewGuid():N}"[..16] + i,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Function, ["arguments"] = call.Arguments },
            })]);
        }

        var response = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_764_288_000,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = toolCalls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }
}
