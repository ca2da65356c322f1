package org.nmt4j.spark;

import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.TaskCompletionListener;
import org.nmt4j.translate.SentenceTranslator;

/**
 * The task: translates the one {@link TextSplit} of its partition into that partition's output
 * lines. It leases a model from its executor's {@link ExecutorModels} when it first needs one and
 * gives it back, and closes the input, when the task ends (whether it succeeded or failed).
 */
final class TranslateSplits implements FlatMapFunction<Iterator<TextSplit>, String> {
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private final Broadcast<HadoopConf> hadoopConf;
    private final JobCounters counters;

    TranslateSplits(JobSettings settings, Broadcast<HadoopConf> hadoopConf, JobCounters counters) {
        this.settings = settings;
        this.hadoopConf = hadoopConf;
        this.counters = counters;
    }

    @Override
    public Iterator<String> call(Iterator<TextSplit> partition) throws IOException {
        TextSplit split = partition.next();
        if (partition.hasNext()) {
            throw new IllegalStateException("a partition must hold exactly one split");
        }
        TaskContext task = TaskContext.get();
        FileSystem fs = new Path(split.file()).getFileSystem(hadoopConf.value().get());
        SplitLineReader reader = SplitLineReader.open(fs, split);
        Slot slot = new Slot(settings);
        task.addTaskCompletionListener(
                (TaskCompletionListener)
                        context -> {
                            slot.close();
                            try {
                                reader.close();
                            } catch (IOException e) {
                                // the input was only read
                            }
                        });
        return new PartitionTranslator(
                reader,
                slot::translator,
                counters,
                tally ->
                        counters.splits.add(
                                new SplitResult(
                                        split.index(),
                                        tally.lines(),
                                        tally.reports(),
                                        tally.moreReports(),
                                        ExecutorSide.executorId(),
                                        ExecutorModels.shared().loads())));
    }

    /** The task's model: leased on first use, given back when the task ends. */
    private static final class Slot {
        private final JobSettings settings;
        private ExecutorModels.Lease lease;
        private SentenceTranslator translator;

        Slot(JobSettings settings) {
            this.settings = settings;
        }

        SentenceTranslator translator() throws IOException {
            if (translator == null) {
                lease =
                        ExecutorModels.shared()
                                .lease(
                                        ExecutorSide.modelDirectories(settings),
                                        ExecutorSide.device(settings.device()));
                translator = lease.model().translator(settings.search());
            }
            return translator;
        }

        void close() {
            if (lease != null) {
                lease.close();
            }
        }
    }
}
