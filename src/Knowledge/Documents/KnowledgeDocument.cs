using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Documents;

/// <summary>What a document is, from its front matter: number, title, issuer, date, where the text came from, how authoritative.</summary>
public sealed record DocumentInfo(
    string Id,
    string Kind,
    string Number,
    string Title,
    string Issuer,
    string Date,
    string? Effective,
    string? Signer,
    string Source,
    string Completeness,
    Authority Authority,
    string FilePath)
{
    /// <summary>How answers name the document: "Kế hoạch 27/KH-SGDĐT", "Thông tư 02/2025/TT-BGDĐT".</summary>
    public string DisplayName =>
        Number.Length == 0 || Number.StartsWith('(') ? Title : $"{Kind} {Number}".Trim();
}

/// <summary>A document read from the knowledge base, its body as Markdown (docx and pdf are converted to it).</summary>
public sealed record KnowledgeDocument(DocumentInfo Info, string Markdown);
