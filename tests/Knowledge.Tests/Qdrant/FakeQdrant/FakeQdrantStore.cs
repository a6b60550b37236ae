using Grpc.Core;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;

/// <summary>The in-memory state of the fake Qdrant: collections, their points and the aliases over them.</summary>
internal sealed class FakeQdrantStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    /// <summary>Every request the fake served, by method name, so tests can see what the client really called.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Every query request as received, for tests of what the client sent.</summary>
    public List<QueryPoints> Queries { get; } = [];

    public void Record(string call)
    {
        lock (_gate)
        {
            Calls.Add(call);
        }
    }

    public bool Create(CreateCollection request)
    {
        lock (_gate)
        {
            if (_collections.ContainsKey(request.CollectionName))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"Collection `{request.CollectionName}` already exists!"));
            }

            _collections[request.CollectionName] = new FakeCollection(request);
            return true;
        }
    }

    public bool Delete(string name)
    {
        lock (_gate)
        {
            if (!_collections.Remove(name))
            {
                return false;
            }

            _aliases = _aliases.Where(a => a.Value != name).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            return true;
        }
    }

    public IReadOnlyList<string> CollectionNames()
    {
        lock (_gate)
        {
            return [.. _collections.Keys];
        }
    }

    public bool Exists(string name)
    {
        lock (_gate)
        {
            return _collections.ContainsKey(name);
        }
    }

    public IReadOnlyDictionary<string, string> Aliases()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_aliases);
        }
    }

    /// <summary>Applies all alias actions or none, as Qdrant does: readers never see a half-switched alias.</summary>
    public void ChangeAliases(ChangeAliases request)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
            foreach (var action in request.Actions)
            {
                switch (action.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        if (!_collections.ContainsKey(action.CreateAlias.CollectionName))
                        {
                            throw NotFound(action.CreateAlias.CollectionName);
                        }

                        next[action.CreateAlias.AliasName] = action.CreateAlias.CollectionName;
                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        if (!next.Remove(action.DeleteAlias.AliasName))
                        {
                            throw new RpcException(new Status(StatusCode.NotFound, $"Alias {action.DeleteAlias.AliasName} does not exists!"));
                        }

                        break;
                    case AliasOperations.ActionOneofCase.RenameAlias:
                        if (!next.Remove(action.RenameAlias.OldAliasName, out var target))
                        {
                            throw new RpcException(new Status(StatusCode.NotFound, $"Alias {action.RenameAlias.OldAliasName} does not exists!"));
                        }

                        next[action.RenameAlias.NewAliasName] = target;
                        break;
                    default:
                        throw QdrantServiceBase.Unimplemented();
                }
            }

            _aliases = next;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the collection a name or alias points to, under the store's lock.</summary>
    public T With<T>(string nameOrAlias, Func<FakeCollection, T> action)
    {
        lock (_gate)
        {
            var name = _aliases.TryGetValue(nameOrAlias, out var target) ? target : nameOrAlias;
            return _collections.TryGetValue(name, out var collection) ? action(collection) : throw NotFound(nameOrAlias);
        }
    }

    private static RpcException NotFound(string name) =>
        new(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));
}
