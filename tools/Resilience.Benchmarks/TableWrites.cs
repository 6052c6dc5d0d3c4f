using System.Diagnostics;
using Azure.Data.Tables;

namespace Resilience.Benchmarks;

/// <summary>
/// Writes 30,000 entities of 50 doubles (one indicator row each, about 1.5 KB of JSON) spread over 10 partitions to a fresh
/// table, in entity group transactions of 100 entities of one partition, a given number of transactions in flight.
/// </summary>
internal static class TableWrites
{
    private const int Entities = 30_000, Partitions = 10, PerTransaction = 100;

    public static async Task<string> RunAsync(string connectionString, int inFlight)
    {
        var table = new TableClient(connectionString, $"ingestion{inFlight}x{Environment.ProcessId}");
        await table.CreateIfNotExistsAsync();
        try
        {
            // Transactions ordered round-robin over the partitions, so that those in flight are mostly of different partitions.
            var random = new Random(inFlight);
            var transactions = Enumerable.Range(0, Entities)
                .Select(i => Entity(random, $"p{i % Partitions:D2}", $"{i:D6}"))
                .GroupBy(e => e.PartitionKey)
                .SelectMany(partition => partition.Chunk(PerTransaction).Select((chunk, index) => (chunk, index)))
                .OrderBy(t => t.index)
                .Select(t => t.chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList())
                .ToList();
            // Warm-up (connection, JIT) in a partition of its own, not timed.
            await table.SubmitTransactionAsync(
                Enumerable.Range(0, PerTransaction).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity(random, "warmup", $"{i:D6}"))));

            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = inFlight },
                async (transaction, cancel) => await table.SubmitTransactionAsync(transaction, cancel));
            var seconds = clock.Elapsed.TotalSeconds;
            return $"table writes, {Entities:N0} entities × {IngestionFiles.Indicators} doubles in {Partitions} partitions, transactions of " +
                $"{PerTransaction}, {inFlight} in flight: {seconds:F2} s, {Entities / seconds:N0} entities/s";
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    private static TableEntity Entity(Random random, string partition, string row)
    {
        var entity = new TableEntity(partition, row);
        foreach (var name in IngestionFiles.IndicatorNames) entity[name] = Math.Round(random.NextDouble() * 1000, 3);
        return entity;
    }
}
