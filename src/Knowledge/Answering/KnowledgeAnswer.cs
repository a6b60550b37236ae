namespace DtsAssistant.Knowledge.Answering;

/// <summary>Where an answer comes from: a document, a section path inside it, and the supporting words.</summary>
public sealed record Citation(string Document, string Section, string Quote);

/// <summary>The channel-neutral answer to one question (the shape of <c>ask --json</c>).</summary>
public sealed record KnowledgeAnswer(string Answer, bool Found, IReadOnlyList<Citation> Citations);

/// <summary>Answers staff questions from the knowledge base, grounded and cited.</summary>
public interface IKnowledgeAnswerer
{
    /// <summary>Answers one question. Relative questions ("còn mấy ngày") use the injected TimeProvider.</summary>
    KnowledgeAnswer Ask(string question);
}
