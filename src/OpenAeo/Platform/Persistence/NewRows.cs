namespace OpenAeo.Platform.Persistence;

/// <summary>
/// New rows of a unit of work, by entity type in the order each type was first added (a parent before its children):
/// written past the change tracker through <see cref="BulkInsert"/> by <see cref="BatchedWrites"/>, or handed to a
/// context (<see cref="AddTo"/>) where the write has to share the context's transaction.
/// </summary>
internal sealed class NewRows
{
    private readonly List<(Type Type, Func<BulkInsert.RowPreparer, BulkInsert.PreparedRows> Prepare, Action<OpenAeoDb> AddTo)> kinds = [];
    private readonly Dictionary<Type, object> lists = [];

    public void Add<T>(T row)
        where T : class => Of<T>().Add(row);

    public void AddRange<T>(IEnumerable<T> rows)
        where T : class => Of<T>().AddRange(rows);

    /// <summary>Adds every row to <paramref name="db"/>'s change tracker, to be saved by its next SaveChanges.</summary>
    public void AddTo(OpenAeoDb db)
    {
        foreach (var kind in kinds)
        {
            kind.AddTo(db);
        }
    }

    /// <summary>Inserts every row in the context's current transaction, type by type in the order they were first added (on
    /// PostgreSQL, a few rows of each in one round trip).</summary>
    public Task InsertAsync(OpenAeoDb db, CancellationToken ct)
    {
        var preparer = db.Preparing();
        return db.InsertAsync([.. kinds.Select(kind => kind.Prepare(preparer))], ct);
    }

    private List<T> Of<T>()
        where T : class
    {
        if (lists.TryGetValue(typeof(T), out var known))
        {
            return (List<T>)known;
        }

        var list = new List<T>();
        lists[typeof(T)] = list;
        kinds.Add((typeof(T), preparer => preparer.Prepare(list), db => db.Set<T>().AddRange(list)));
        return list;
    }
}
