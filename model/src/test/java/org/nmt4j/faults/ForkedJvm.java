package org.nmt4j.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a class of the test class path in a JVM of its own, to be killed, stopped with a signal,
 * or run on a {@link FaultyFileSystemProvider}: for tests of what survives a crash. The child gets
 * this JVM's engine settings (threads, offline mode), so that it computes what this one would; its
 * standard output and error go to a file.
 */
public final class ForkedJvm {
    private static final List<String> INHERITED =
            List.of(
                    "ai.djl.offline",
                    "ai.djl.pytorch.num_threads",
                    "ai.djl.pytorch.num_interop_threads");

    private ForkedJvm() {}

    /**
     * Starts describing a child JVM.
     *
     * @param mainClass the class whose {@code main} it runs
     * @param output the file its standard output and error go to
     * @return the builder
     */
    public static Builder of(String mainClass, Path output) {
        return new Builder(mainClass, output);
    }

    /** Returns the test class path (surefire publishes it as {@code surefire.test.class.path}). */
    static String testClassPath() {
        return System.getProperty(
                "surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** What to run. */
    public static final class Builder {
        private final String mainClass;
        private final Path output;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path directory;
        private Path stdout;

        private Builder(String mainClass, Path output) {
            this.mainClass = mainClass;
            this.output = output;
            for (String key : INHERITED) {
                String value = System.getProperty(key);
                if (value != null) {
                    properties.put(key, value);
                }
            }
        }

        /**
         * Adds program arguments.
         *
         * @param more the arguments
         * @return this builder
         */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /**
         * Adds program arguments.
         *
         * @param more the arguments
         * @return this builder
         */
        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /**
         * Sets a system property of the child.
         *
         * @param key the name
         * @param value the value
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Runs the child's file system through a {@link FaultyFileSystemProvider} watching {@code
         * root}.
         *
         * @param root the directory whose changes are events
         * @param plan further {@code nmt4j.faults.*} properties (see {@link FaultPlan}), as {@code
         *     action}, {@code match}, {@code nth}, ... without the prefix
         * @return this builder
         */
        public Builder faults(Path root, Map<String, String> plan) {
            properties.put(
                    "java.nio.file.spi.DefaultFileSystemProvider",
                    FaultyFileSystemProvider.class.getName());
            properties.put(FaultPlan.ROOT, root.toAbsolutePath().normalize().toString());
            plan.forEach((k, v) -> properties.put("nmt4j.faults." + k, v));
            return this;
        }

        /**
         * Sends the child's standard output to a file of its own (e.g. {@code /dev/full}); its
         * standard error still goes to the output file.
         *
         * @param file where standard output goes
         * @return this builder
         */
        public Builder stdout(Path file) {
            this.stdout = file;
            return this;
        }

        /**
         * Sets the working directory.
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * Starts the child.
         *
         * @return the running child
         * @throws IOException when it cannot be started
         */
        public Child start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx1g");
            cmd.add("-XX:TieredStopAtLevel=1");
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-cp");
            cmd.add(testClassPath());
            cmd.add(mainClass);
            cmd.addAll(args);
            Files.createDirectories(output.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (stdout == null) {
                pb.redirectErrorStream(true).redirectOutput(output.toFile());
            } else {
                pb.redirectOutput(stdout.toFile()).redirectError(output.toFile());
            }
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            return new Child(pb.start(), output);
        }
    }

    /** A running child JVM. */
    public static final class Child implements AutoCloseable {
        private final Process process;
        private final Path output;

        private Child(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        /**
         * Returns the child's process id.
         *
         * @return the pid
         */
        public long pid() {
            return process.pid();
        }

        /**
         * Waits until the child's output holds {@code text}, or it has ended.
         *
         * @param text what to wait for
         * @param timeout how long at most
         * @return true when the text appeared (false when the child ended without it)
         * @throws IOException when the time is up, naming the output
         */
        public boolean awaitOutput(String text, Duration timeout)
                throws IOException, InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (output().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return output().contains(text);
                }
                Thread.sleep(20);
            }
            throw new IOException(
                    "no '" + text + "' from the child after " + timeout + ":\n" + output());
        }

        /**
         * Waits until the child's output holds {@link FaultPlan#PAUSE_MARKER} and returns the event
         * it paused at, or null when it ended without pausing.
         *
         * @param timeout how long at most
         * @return the event, or null
         * @throws IOException when the time is up
         */
        public String awaitPause(Duration timeout) throws IOException, InterruptedException {
            if (!awaitOutput(FaultPlan.PAUSE_MARKER, timeout)) {
                return null;
            }
            String out = output();
            int at = out.indexOf(FaultPlan.PAUSE_MARKER) + FaultPlan.PAUSE_MARKER.length();
            int end = out.indexOf('\n', at);
            while (end < 0) {
                Thread.sleep(10);
                out = output();
                end = out.indexOf('\n', at);
            }
            return out.substring(at, end);
        }

        /**
         * Lets a paused child go on.
         *
         * @throws IOException when its standard input is closed
         */
        public void release() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        /**
         * Kills the child with SIGKILL and waits for it to be gone.
         *
         * @return its exit status (137 on Linux)
         */
        public int kill() throws InterruptedException {
            process.destroyForcibly();
            return process.waitFor();
        }

        /**
         * Waits for the child to end.
         *
         * @param timeout how long at most
         * @return its exit status
         * @throws IOException when it is still running then (it is killed)
         */
        public int awaitExit(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the child ran longer than " + timeout + ":\n" + output());
            }
            return process.exitValue();
        }

        /**
         * Returns what the child has written so far.
         *
         * @return its standard output and error
         */
        public String output() throws IOException {
            return Files.exists(output)
                    ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8)
                    : "";
        }

        /** Kills the child if it still runs. */
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
