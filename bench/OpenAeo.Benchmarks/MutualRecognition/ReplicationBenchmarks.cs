using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.Benchmarks.MutualRecognition;

/// <summary>
/// Replicating 1,000,000 entries of a partner's log into a fresh SQLite replica: pages of 1,000 verified by
/// <see cref="ReplicationRound"/> (canonicalise, leaf hash, parse, frontier) and staged with the bulk insert in one
/// transaction, then the root checked against the signed head and committed; against the floor for the same rows:
/// one prepared INSERT per row in one transaction, no verification. The HTTP transfer is not part of either (the
/// entries are already in memory as served), so the ratio is the cost of verification and staging.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class ReplicationBenchmarks
{
    private const int Entries = 1_000_000;
    private readonly List<ReadOnlyMemory<byte>> served = new(Entries);
    private string folder = "";
    private string database = "";
    private LogIdentity partner = default!;
    private SignedTreeHead head = default!;

    [GlobalSetup]
    public void BuildLog()
    {
        folder = Directory.CreateTempSubdirectory("openaeo-bench-mr-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        partner = LogIdentity.Of("TW", key);
        var recorded = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var leaves = new List<byte[]>(Entries);
        for (var i = 0; i < Entries; i++)
        {
            var entry = new StatusEntry(
                i,
                Tin.FromTrusted($"TW{i:D9}"),
                $"Operator {i} Ltd",
                "TW",
                "TW",
                null,
                OperatorRoles.Exporter,
                $"TW-AEO-{i:D7}",
                i % 10 == 9 ? StatusEvent.Suspended : StatusEvent.Granted,
                recorded,
                new DateOnly(2025, 1, 1),
                null,
                recorded.AddSeconds(i)
            );
            var json = entry.ToCanonicalJson();
            served.Add(json);
            leaves.Add(MerkleTree.HashLeaf(json));
        }

        head = SignedTreeHead.Sign("TW", Entries, MerkleFrontier.FromLeafHashes(leaves).RootHash(), recorded, key);
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        database = Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db");
        using var db = Open();
        DatabaseSetup.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "peer: prepared INSERT of the same rows, one transaction")]
    public int PlainBulkInsert()
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO mr_replica_entries (Partner, \"Index\", Tin, Json) VALUES ('TW', $i, $tin, $json)";
        var index = insert.Parameters.Add(new SqliteParameter { ParameterName = "$i" });
        var tin = insert.Parameters.Add(new SqliteParameter { ParameterName = "$tin" });
        var json = insert.Parameters.Add(new SqliteParameter { ParameterName = "$json" });
        insert.Prepare();
        for (var i = 0; i < served.Count; i++)
        {
            index.Value = i;
            tin.Value = $"TW{i:D9}";
            json.Value = Encoding.UTF8.GetString(served[i].Span);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        return served.Count;
    }

    [Benchmark(Description = "OpenAeo: verified replication round (ReplicationRound + bulk insert, one transaction)")]
    public async Task<long> VerifiedReplication()
    {
        await using var db = Open();
        await using var tx = await db.Database.BeginTransactionAsync();
        var round = ReplicationRound.Start(partner, null, head, []);
        for (var start = 0; start < served.Count; start += 1000)
        {
            var page = round.Add(served.GetRange(start, Math.Min(1000, served.Count - start)));
            await db.InsertAsync(
                page.Select(e => new ReplicaEntry
                    {
                        Partner = "TW",
                        Index = e.Index,
                        Tin = e.Entry.Tin.Value,
                        Json = Encoding.UTF8.GetString(e.CanonicalJson),
                    })
                    .ToList(),
                CancellationToken.None
            );
        }

        if (round.Complete() is not ReplicationDecision.Accept accept)
        {
            throw new InvalidOperationException("The benchmark log did not verify.");
        }

        await tx.CommitAsync();
        return accept.State.TreeHead.TreeSize;
    }

    private SqliteOpenAeoDb Open() => new(new DbContextOptionsBuilder<SqliteOpenAeoDb>().UseSqlite($"Data Source={database}").Options);

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
