package org.nmt4j.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.nmt4j.translate.ChunkTranslator;

/**
 * The job's accumulators. The totals are named, so the Spark UI shows them while the job runs; each
 * task adds its counts as it translates, and Spark keeps only the updates of successful tasks, once
 * per split. The per-split results carry what the driver needs to number reported lines and count
 * model loads.
 */
public final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    final LongAccumulator lines;
    final LongAccumulator sourceTokens;
    final LongAccumulator targetTokens;
    final LongAccumulator invalidUtf8;
    final LongAccumulator splitLines;
    final CollectionAccumulator<SplitResult> splits;

    private JobCounters(
            LongAccumulator lines,
            LongAccumulator sourceTokens,
            LongAccumulator targetTokens,
            LongAccumulator invalidUtf8,
            LongAccumulator splitLines,
            CollectionAccumulator<SplitResult> splits) {
        this.lines = lines;
        this.sourceTokens = sourceTokens;
        this.targetTokens = targetTokens;
        this.invalidUtf8 = invalidUtf8;
        this.splitLines = splitLines;
        this.splits = splits;
    }

    /**
     * Registers the accumulators with a context (on the driver).
     *
     * @param sc the context
     * @return the counters
     */
    public static JobCounters register(SparkContext sc) {
        return new JobCounters(
                sc.longAccumulator("nmt4j lines"),
                sc.longAccumulator("nmt4j source tokens"),
                sc.longAccumulator("nmt4j target tokens"),
                sc.longAccumulator("nmt4j invalid UTF-8 lines"),
                sc.longAccumulator("nmt4j long lines split"),
                sc.collectionAccumulator("nmt4j split results"));
    }

    /**
     * Adds what a chunk held.
     *
     * @param counts the chunk's counts
     */
    void add(ChunkTranslator.Counts counts) {
        lines.add(counts.lines());
        sourceTokens.add(counts.sourceTokens());
        targetTokens.add(counts.targetTokens());
        invalidUtf8.add(counts.invalidUtf8());
        splitLines.add(counts.splitLines());
    }

    /**
     * Returns the totals so far.
     *
     * @return the counts
     */
    ChunkTranslator.Counts counts() {
        return new ChunkTranslator.Counts(
                lines.value(),
                sourceTokens.value(),
                targetTokens.value(),
                invalidUtf8.value(),
                splitLines.value());
    }

    /**
     * Unregistered accumulators, for using a {@link PartitionTranslator} outside Spark.
     *
     * @return the counters
     */
    public static JobCounters unregistered() {
        return new JobCounters(
                new LongAccumulator(),
                new LongAccumulator(),
                new LongAccumulator(),
                new LongAccumulator(),
                new LongAccumulator(),
                new CollectionAccumulator<>());
    }
}
