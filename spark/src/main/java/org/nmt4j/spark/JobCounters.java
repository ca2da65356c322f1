package org.nmt4j.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.nmt4j.translate.ChunkTranslator;

/**
 * The job's accumulators: the counts ({@link ChunkTranslator.Counts}: lines, tokens, invalid and
 * split lines) and the per-split results. They are named, so the Spark UI shows them while the job
 * runs; each task adds its counts as it translates, and Spark keeps only the updates of successful
 * tasks, once per split. The per-split results carry what the driver needs to number reported lines
 * and count model loads.
 */
public final class JobCounters implements Serializable {
    private static final long serialVersionUID = 2L;

    private final CountsAccumulator counts;
    final CollectionAccumulator<SplitResult> splits;

    private JobCounters(CountsAccumulator counts, CollectionAccumulator<SplitResult> splits) {
        this.counts = counts;
        this.splits = splits;
    }

    /**
     * Registers the accumulators with a context (on the driver).
     *
     * @param sc the context
     * @return the counters
     */
    public static JobCounters register(SparkContext sc) {
        CountsAccumulator counts = new CountsAccumulator();
        sc.register(counts, "nmt4j counts");
        return new JobCounters(counts, sc.collectionAccumulator("nmt4j split results"));
    }

    /**
     * Unregistered accumulators, for using a {@link PartitionTranslator} outside Spark.
     *
     * @return the counters
     */
    public static JobCounters unregistered() {
        return new JobCounters(new CountsAccumulator(), new CollectionAccumulator<>());
    }

    /**
     * Adds what a chunk held.
     *
     * @param chunk the chunk's counts
     */
    void add(ChunkTranslator.Counts chunk) {
        counts.add(chunk);
    }

    /**
     * Returns the totals so far (on the driver: of the successful tasks).
     *
     * @return the counts
     */
    ChunkTranslator.Counts counts() {
        return counts.value();
    }
}
