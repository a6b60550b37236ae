using DtsAssistant.Knowledge.Chunking;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DtsAssistant.Bench;

/// <summary>
/// The comparison point for the knowledge bench: Lucene.Net with BM25 and its StandardAnalyzer, in memory, over the
/// same chunk texts our index sees (<see cref="KnowledgeChunk.IndexText"/>). A search parses the question (OR of its
/// terms), takes the top 10 and reads their stored ids.
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly RAMDirectory _directory = new();
    private readonly StandardAnalyzer _analyzer = new(Version);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly QueryParser _parser;

    public LuceneBaseline(IReadOnlyList<KnowledgeChunk> chunks)
    {
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var chunk in chunks)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", chunk.Id, Field.Store.YES),
                    new TextField("text", chunk.IndexText, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _parser = new QueryParser(Version, "text", _analyzer);
    }

    public int DocumentCount => _reader.NumDocs;

    /// <summary>Top-10 chunk ids for a question (empty when the question has no searchable term).</summary>
    public IReadOnlyList<string> Search(string question)
    {
        Query query;
        try
        {
            query = _parser.Parse(QueryParserBase.Escape(question));
        }
        catch (ParseException)
        {
            return [];
        }

        var top = _searcher.Search(query, 10);
        return top.ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get("id")).ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
