package org.nmt4j.spark;

import org.apache.spark.util.AccumulatorV2;
import org.nmt4j.translate.ChunkTranslator;

/**
 * A Spark accumulator of {@link ChunkTranslator.Counts}: each task adds the counts of the chunks it
 * translates, and Spark merges the updates of one successful attempt per partition on the driver,
 * so the job's totals are the same record {@code ./nmt translate} adds up.
 */
final class CountsAccumulator
        extends AccumulatorV2<ChunkTranslator.Counts, ChunkTranslator.Counts> {
    private static final long serialVersionUID = 1L;

    private ChunkTranslator.Counts counts = ChunkTranslator.Counts.ZERO;

    @Override
    public boolean isZero() {
        return counts.equals(ChunkTranslator.Counts.ZERO);
    }

    @Override
    public CountsAccumulator copy() {
        CountsAccumulator c = new CountsAccumulator();
        c.counts = counts;
        return c;
    }

    @Override
    public void reset() {
        counts = ChunkTranslator.Counts.ZERO;
    }

    @Override
    public void add(ChunkTranslator.Counts v) {
        counts = counts.plus(v);
    }

    @Override
    public void merge(AccumulatorV2<ChunkTranslator.Counts, ChunkTranslator.Counts> other) {
        counts = counts.plus(other.value());
    }

    @Override
    public ChunkTranslator.Counts value() {
        return counts;
    }
}
