using DtsAssistant.Knowledge.Retrieval;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>The payload keys a point carries, so a hit can be cited without going back to the documents.</summary>
internal static class QdrantPayload
{
    public const string ChunkId = "chunk_id";
    public const string Document = "document";
    public const string Section = "section";
    public const string Authority = "authority";
    public const string Text = "text";

    public static void Fill(MapField<string, Value> payload, QdrantChunk chunk)
    {
        payload[ChunkId] = chunk.ChunkId;
        payload[Document] = chunk.Document;
        payload[Section] = chunk.Section;
        payload[Authority] = chunk.Authority.ToString();
        payload[Text] = chunk.Text;
    }

    public static Passage ToPassage(ScoredPoint point) => new(
        point.Payload[ChunkId].StringValue,
        point.Payload[Document].StringValue,
        point.Payload[Section].StringValue,
        Enum.TryParse<Authority>(point.Payload[Authority].StringValue, out var authority) ? authority : Retrieval.Authority.Summary,
        point.Payload[Text].StringValue,
        point.Score);
}
