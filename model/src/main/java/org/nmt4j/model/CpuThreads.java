package org.nmt4j.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How libtorch's CPU threads wait for work. The CPU libtorch runs its intra-op threads on GNU
 * OpenMP (libgomp), whose idle threads spin 300,000 times before they sleep unless {@code
 * OMP_WAIT_POLICY=PASSIVE} (or {@code GOMP_SPINCOUNT=0}) is in the environment when libtorch loads.
 * With two or more threads, a spinning thread takes the time slices that the working one needs as
 * soon as another process uses a core, and training becomes several times slower than with one
 * thread (docs/BENCHMARKS.md, "Threads"). {@code ./nmt} and the tests set the policy; this class
 * says when it is not in effect. libgomp reads the variables once, so the environment of this
 * process is what libtorch runs with.
 */
public final class CpuThreads {
    private CpuThreads() {}

    /**
     * The warning to log when this process computes on the CPU with idle threads that spin.
     *
     * @param device the device chosen
     * @return the one-line warning, or empty
     */
    public static Optional<String> spinningWarning(Device device) {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return Optional.empty();
        }
        return spinningWarning(System.getenv(), JniUtils.getNumThreads());
    }

    /**
     * The warning for an environment and a number of intra-op threads.
     *
     * @param env the process environment
     * @param intraOpThreads libtorch's intra-op threads
     * @return the one-line warning when {@code intraOpThreads > 1} and idle threads spin, or empty
     */
    static Optional<String> spinningWarning(Map<String, String> env, int intraOpThreads) {
        if (intraOpThreads <= 1 || waitsPassively(env)) {
            return Optional.empty();
        }
        return Optional.of(
                intraOpThreads
                        + " libtorch threads whose idle threads spin ("
                        + describe(env)
                        + "): they run several times slower than 1 thread when another process"
                        + " uses a core; set OMP_WAIT_POLICY=PASSIVE and unset GOMP_SPINCOUNT before"
                        + " the JVM starts (./nmt does), or use 1 thread (docs/BENCHMARKS.md,"
                        + " Threads)");
    }

    /**
     * The line to log at start when computing on the CPU: threads, wait policy and allocator.
     *
     * @param device the device chosen
     * @return e.g. {@code "CPU: 2 intra-op threads, idle threads sleep (OMP_WAIT_POLICY=PASSIVE),
     *     allocator jemalloc"}, or empty on a GPU
     */
    public static Optional<String> startupLine(Device device) {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return Optional.empty();
        }
        return Optional.of(summary(System.getenv(), JniUtils.getNumThreads()));
    }

    /**
     * Describes the CPU settings an environment and a thread count give.
     *
     * @param env the process environment
     * @param intraOpThreads libtorch's intra-op threads
     * @return one line
     */
    static String summary(Map<String, String> env, int intraOpThreads) {
        return "CPU: "
                + intraOpThreads
                + " intra-op thread(s), idle threads "
                + (waitsPassively(env) ? "sleep" : "spin")
                + " ("
                + describe(env)
                + "), allocator "
                + allocator(env);
    }

    /**
     * Names the C allocator that {@code LD_PRELOAD} puts in front of glibc's, if any.
     *
     * @param env the process environment
     * @return {@code jemalloc}, {@code tcmalloc} or {@code glibc}
     */
    static String allocator(Map<String, String> env) {
        String preload = env.getOrDefault("LD_PRELOAD", "");
        if (preload.contains("jemalloc")) {
            return "jemalloc";
        }
        if (preload.contains("tcmalloc")) {
            return "tcmalloc";
        }
        return "glibc";
    }

    /**
     * Whether libgomp's idle threads sleep at once: {@code GOMP_SPINCOUNT=0}, or {@code
     * OMP_WAIT_POLICY=PASSIVE} with no {@code GOMP_SPINCOUNT} (which would override it).
     *
     * @param env the process environment
     * @return whether idle threads do not spin
     */
    static boolean waitsPassively(Map<String, String> env) {
        String spin = env.get("GOMP_SPINCOUNT");
        if (spin != null && !spin.isBlank()) {
            return spin.strip().equals("0");
        }
        String policy = env.get("OMP_WAIT_POLICY");
        return policy != null && policy.strip().toUpperCase(Locale.ROOT).equals("PASSIVE");
    }

    private static String describe(Map<String, String> env) {
        return "OMP_WAIT_POLICY="
                + env.getOrDefault("OMP_WAIT_POLICY", "(unset)")
                + ", GOMP_SPINCOUNT="
                + env.getOrDefault("GOMP_SPINCOUNT", "(unset)");
    }
}
