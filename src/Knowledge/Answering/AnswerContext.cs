using DtsAssistant.Knowledge.Answering.Kinds;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// What every kind of answer needs: the index snapshot and its facts, the deadlines to state, today in Vietnam, the
/// question as read.
/// </summary>
internal sealed class AnswerContext(KnowledgeIndex index, DateOnly today, UnderstoodQuestion question, ReportingDeadlines? deadlines = null)
{
    private TopicLinker? _linker;
    private QueryAnalysis? _analysis;
    private DocumentMentions? _documentMentions;

    public KnowledgeIndex Index { get; } = index;

    public PlanFacts Facts => Index.Facts;

    /// <summary>The reporting deadlines the answers state: the deployment's when given, else the plan's as compiled.</summary>
    public ReportingSchedule? Schedule { get; } = index.Facts.Schedule?.Following(deadlines);

    public DateOnly Today { get; } = today;

    public UnderstoodQuestion Question { get; } = question;

    public TopicLinker Linker => _linker ??= new TopicLinker(Question, Index.Index, Index.Analyzer.Glossary);

    /// <summary>The question as the retrieval index sees it (weighted terms, content words, glossary mentions).</summary>
    public QueryAnalysis Analysis => _analysis ??= Index.Analyzer.AnalyzeQuery(Question.Text, Tokens, Index.IsWord);

    /// <summary>The question's tokens, as <see cref="QuestionReader.Read"/> (the only maker of questions) read them.</summary>
    public IReadOnlyList<Token> Tokens => Question.Tokens;

    /// <summary>The documents the question names by number (or as "kế hoạch này").</summary>
    public DocumentMentions DocumentMentions => _documentMentions ??= new DocumentMentions(Question.Text, Tokens);
}
