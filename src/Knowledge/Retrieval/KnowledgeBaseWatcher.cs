using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>
/// Re-indexes when knowledge-base files change while the assistant runs. Changes are debounced on the injected
/// TimeProvider: a burst of file events (copying a folder, an editor's save dance) gives one rebuild.
/// </summary>
public sealed class KnowledgeBaseWatcher(KnowledgeIndexHolder holder, IOptions<KnowledgeOptions> options, TimeProvider time) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _timer;

    /// <summary>Raised after each rebuild attempt (true when the new snapshot is live); tests wait on it.</summary>
    public event Action<bool>? Rebuilt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Watch)
        {
            return Task.CompletedTask;
        }

        _ = holder.Current;
        _timer = time.CreateTimer(_ => Rebuild(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(holder.Folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (!KnowledgeIndex.IsDocumentFile(e.FullPath) && !e.FullPath.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        lock (_gate)
        {
            _timer?.Change(options.Value.WatchDebounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Rebuild() => Rebuilt?.Invoke(holder.Rebuild());
}
