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

    /// <summary>
    /// The typed reading of a question, before any fact is looked up: intent (small talk and help included), item
    /// references, period, sender, and whether it asks for reported figures. The conversation layer can use it to reply
    /// per role or route to report data.
    /// </summary>
    Understanding.UnderstoodQuestion Understand(string question) => Understanding.QuestionReader.Read(question);
}
