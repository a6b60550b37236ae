using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DtsAssistant.Bot.Tests.Channels.Fakes;

/// <summary>One call the bot made to the fake Bot API.</summary>
public sealed record TelegramCall(string Method, JsonObject Body, DateTimeOffset At)
{
    public long ChatId => Body["chat_id"] is { } id ? long.Parse(id.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    public string Text => Body["text"]?.ToString() ?? "";
}

/// <summary>
/// A local stand-in for api.telegram.org on 127.0.0.1 (Kestrel, random port): getUpdates with real offset
/// semantics (an update is confirmed by a later offset) and long-poll holding, sendMessage / sendDocument /
/// answerCallbackQuery / setMyCommands / setWebhook / deleteWebhook, plus switches for 429 and 403.
/// Shared by the tests and the Telegram benchmark.
/// </summary>
public sealed class FakeTelegramServer : LoopbackServer
{
    public const string Token = "123456:TEST-TOKEN";

    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private readonly ConcurrentQueue<TelegramCall> _calls = new();
    private readonly HashSet<long> _blocked = [];
    private readonly ConcurrentDictionary<long, int> _answeredChats = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;
    private int _tooManyRequests;
    private int _retryAfter;
    private int _sentCount;

    /// <summary>Set by the test: when true, getUpdates ignores the offset and returns confirmed updates again.</summary>
    public bool ReplayConfirmedUpdates { get; set; }

    public IReadOnlyList<TelegramCall> Calls => _calls.ToList();

    public int SentCount => Volatile.Read(ref _sentCount);

    /// <summary>How many different chats got at least one message (cheap to poll in the benchmark).</summary>
    public int ChatsAnswered => _answeredChats.Count;

    public IReadOnlyList<TelegramCall> Sent(long chatId) =>
        _calls.Where(c => c.Method is "sendMessage" or "sendDocument" or "sendPhoto" && c.ChatId == chatId).ToList();

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var server = new FakeTelegramServer();
        await server.ListenAsync(app => app.Run(server.HandleAsync));
        return server;
    }

    /// <summary>Queues a text message from a private chat (chat id = user id); returns its update_id.</summary>
    public int AddText(long chatId, string text) => Add(id => new JsonObject
    {
        ["update_id"] = id,
        ["message"] = Message(chatId, new JsonObject { ["text"] = text }),
    });

    /// <summary>Queues many text messages at once (the benchmark's burst).</summary>
    public void AddTexts(IEnumerable<(long ChatId, string Text)> messages)
    {
        lock (_gate)
        {
            foreach (var (chatId, text) in messages)
            {
                _updates.Add(new JsonObject { ["update_id"] = _nextUpdateId++, ["message"] = Message(chatId, new JsonObject { ["text"] = text }) });
            }
        }
        _arrived.Release();
    }

    public int AddSticker(long chatId) => Add(id => new JsonObject
    {
        ["update_id"] = id,
        ["message"] = Message(chatId, new JsonObject
        {
            ["sticker"] = new JsonObject
            {
                ["file_id"] = "s1", ["file_unique_id"] = "u1", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
                ["is_animated"] = false, ["is_video"] = false,
            },
        }),
    });

    public int AddButtonPress(long chatId, string callbackData) => Add(id => new JsonObject
    {
        ["update_id"] = id,
        ["callback_query"] = new JsonObject
        {
            ["id"] = $"cq{id}",
            ["from"] = User(chatId),
            ["chat_instance"] = "ci",
            ["data"] = callbackData,
            ["message"] = Message(chatId, new JsonObject { ["text"] = "…" }),
        },
    });

    /// <summary>A raw update as Telegram would POST it to a webhook.</summary>
    public static string TextUpdateJson(int updateId, long chatId, string text) => new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = Message(chatId, new JsonObject { ["text"] = text }),
    }.ToJsonString();

    public void FailNextSends(int count, int retryAfterSeconds)
    {
        lock (_gate)
        {
            _tooManyRequests = count;
            _retryAfter = retryAfterSeconds;
        }
    }

    public void Block(long chatId)
    {
        lock (_gate)
        {
            _blocked.Add(chatId);
        }
    }

    /// <summary>Waits until the bot made calls matching the condition (polling the call log; tests only).</summary>
    public async Task<IReadOnlyList<TelegramCall>> WaitForAsync(Func<IReadOnlyList<TelegramCall>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var calls = Calls;
            if (condition(calls))
            {
                return calls;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The bot did not make the expected calls. Calls so far:\n"
                    + string.Join("\n", calls.Select(c => $"{c.Method} {c.Body.ToJsonString()}")));
            }
            await Task.Delay(20);
        }
    }

    private int Add(Func<int, JsonObject> make)
    {
        int id;
        lock (_gate)
        {
            id = _nextUpdateId++;
            _updates.Add(make(id));
        }
        _arrived.Release();
        return id;
    }

    private static JsonObject Message(long chatId, JsonObject content)
    {
        content["message_id"] = Random.Shared.Next(1, 1_000_000);
        content["date"] = 1_764_300_000;
        content["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Giáo viên" };
        content["from"] = User(chatId);
        return content;
    }

    private static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Giáo viên", ["last_name"] = $"{id}" };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var prefix = $"/bot{Token}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await Reply(context, 404, Error(404, "Not Found"));
            return;
        }
        var method = path[prefix.Length..];
        var body = await ReadBodyAsync(context.Request);
        _calls.Enqueue(new TelegramCall(method, body, DateTimeOffset.UtcNow));
        switch (method)
        {
            case "getUpdates":
                await Reply(context, 200, Ok(await GetUpdatesAsync(body, context.RequestAborted)));
                break;
            case "sendMessage" or "sendDocument" or "sendPhoto":
                await SendAsync(context, method, body);
                break;
            case "getMe":
                await Reply(context, 200, Ok(new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "DtsBot", ["username"] = "dts_bot" }));
                break;
            default:
                // setMyCommands, setWebhook, deleteWebhook, answerCallbackQuery, editMessageReplyMarkup ...
                await Reply(context, 200, Ok(JsonValue.Create(true)));
                break;
        }
    }

    private async Task SendAsync(HttpContext context, string method, JsonObject body)
    {
        var chatId = long.Parse(body["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        int status;
        JsonObject response;
        lock (_gate)
        {
            if (_blocked.Contains(chatId))
            {
                (status, response) = (403, Error(403, "Forbidden: bot was blocked by the user"));
            }
            else if (_tooManyRequests > 0)
            {
                _tooManyRequests--;
                (status, response) = (429, Error(429, $"Too Many Requests: retry after {_retryAfter}", _retryAfter));
            }
            else
            {
                Interlocked.Increment(ref _sentCount);
                _answeredChats.TryAdd(chatId, 0);
                var message = new JsonObject
                {
                    ["message_id"] = _nextMessageId++,
                    ["date"] = 1_764_300_000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                };
                if (method == "sendMessage")
                {
                    message["text"] = body["text"]?.ToString();
                }
                else
                {
                    message["document"] = new JsonObject { ["file_id"] = "d1", ["file_unique_id"] = "d1", ["file_name"] = body["files"]?[0]?["file_name"]?.ToString() };
                }
                (status, response) = (200, Ok(message));
            }
        }
        await Reply(context, status, response);
    }

    private async Task<JsonArray> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        var timeout = body["timeout"]?.GetValue<int>() ?? 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(timeout);
        while (true)
        {
            lock (_gate)
            {
                // "An update is considered confirmed as soon as getUpdates is called with an offset higher than its update_id."
                if (offset > 0 && !ReplayConfirmedUpdates)
                {
                    _updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                }
                var ready = _updates.Where(u => ReplayConfirmedUpdates || u["update_id"]!.GetValue<int>() >= offset).Take(limit).ToList();
                if (ready.Count > 0 || DateTime.UtcNow >= deadline)
                {
                    return new JsonArray(ready.Select(u => (JsonNode)u.DeepClone()).ToArray());
                }
            }
            var wait = deadline - DateTime.UtcNow;
            try
            {
                await _arrived.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, aborted);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var fields = new JsonObject();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
            fields["files"] = new JsonArray(form.Files.Select(f => (JsonNode)new JsonObject
            {
                ["field"] = f.Name, ["file_name"] = f.FileName, ["length"] = f.Length,
            }).ToArray());
            return fields;
        }
        if (request.ContentLength is 0 or null && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return [];
        }
        return (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? [];
    }

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static JsonObject Error(int code, string description, int? retryAfter = null)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            error["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }
        return error;
    }

    private static async Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _arrived.Dispose();
    }
}
