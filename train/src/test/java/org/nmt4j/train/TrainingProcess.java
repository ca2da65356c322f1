package org.nmt4j.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.train.config.ConfigLoader;

/**
 * A training process for tests that kill one: {@code new RUN_DIR CONFIG [KEY=VALUE...]} starts a
 * run as {@code ./nmt train --config} does (the run directory locked first), {@code resume RUN_DIR}
 * continues one as {@code ./nmt train --resume} does. Prints {@code finished at step N} and exits
 * 0, or prints the error in one line and exits 1.
 */
public final class TrainingProcess {
    private TrainingProcess() {}

    /**
     * Trains.
     *
     * @param args {@code new RUN_DIR CONFIG [KEY=VALUE...]} or {@code resume RUN_DIR}
     */
    public static void main(String[] args) {
        try {
            TrainingOutcome outcome = run(args);
            System.out.println("finished at step " + outcome.state().step());
            System.exit(0);
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.exit(1);
        }
    }

    private static TrainingOutcome run(String[] args) throws Exception {
        Path runDir = Path.of(args[1]);
        TrainingRun.Options quiet = TrainingRun.Options.quiet(new StopSignal());
        if (args[0].equals("resume")) {
            try (RunDirectory run = RunDirectory.existing(runDir)) {
                return TrainingRun.resume(run, List.of(), quiet);
            }
        }
        Path config = Path.of(args[2]);
        List<String> overrides = Arrays.asList(args).subList(3, args.length);
        try (RunDirectory run = RunDirectory.create(runDir)) {
            return TrainingRun.start(ConfigLoader.load(config, overrides), config, run, quiet);
        }
    }
}
