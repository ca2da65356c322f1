package org.nmt4j.model;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a class of the test class path in a fresh JVM, for tests of how libtorch is found. */
final class ChildJvm {
    private ChildJvm() {}

    /** The result of a child process. */
    record Result(int exitCode, String output) {}

    /**
     * Returns this JVM's full test class path (surefire puts it into a manifest-only jar and
     * publishes it as {@code surefire.test.class.path}).
     */
    static List<String> testClassPath() {
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries;
    }

    /**
     * Runs {@code mainClass} with a class path and extra environment variables.
     *
     * @param mainClass the class to run
     * @param classPath its class path
     * @param env variables added to this process's environment
     * @param jvmArgs further JVM options
     * @return the exit code and standard output + error
     */
    static Result run(
            Class<?> mainClass, List<String> classPath, Map<String, String> env, String... jvmArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(mainClass.getName());
        return exec(cmd, env, null);
    }

    /** Runs a command, waiting at most 3 minutes. */
    static Result exec(List<String> cmd, Map<String, String> env, Path dir)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
