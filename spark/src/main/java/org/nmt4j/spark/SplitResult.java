package org.nmt4j.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one successful task did with its split, sent to the driver through an accumulator (Spark
 * merges the accumulator updates of a task once, and only when the task succeeds: a failed or
 * duplicate speculative attempt adds nothing).
 *
 * @param split the split's index
 * @param lines how many lines the split holds (and how many output lines it gave)
 * @param reports its reported lines, the first {@link PartitionTranslator#MAX_REPORTS} at most
 * @param moreReports how many more reported lines there were
 * @param executorId the executor that ran the task
 * @param executorModelLoads how many models that executor's JVM had loaded when the task ended
 */
public record SplitResult(
        int split,
        long lines,
        List<LineReport> reports,
        long moreReports,
        String executorId,
        int executorModelLoads)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the list. */
    public SplitResult {
        reports = List.copyOf(reports);
    }
}
