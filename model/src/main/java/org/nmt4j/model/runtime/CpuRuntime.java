package org.nmt4j.model.runtime;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The native settings libtorch computes with on the CPU, which must be in place before the JVM
 * starts, so that {@code ./nmt} sets them (native/env.sh) and this class reports and checks them:
 * how OpenMP threads wait, which C allocator serves tensors, and which kernels oneMKL picks.
 *
 * <p>Threads: the CPU libtorch runs its intra-op threads on GNU OpenMP (libgomp), whose idle
 * threads spin 300,000 times before they sleep unless {@code OMP_WAIT_POLICY=PASSIVE} (or {@code
 * GOMP_SPINCOUNT=0}) is in the environment when libtorch loads. With two or more threads, a
 * spinning thread takes the time slices that the working one needs as soon as another process uses
 * a core, and training becomes several times slower than with one thread (docs/BENCHMARKS.md,
 * "Threads"). {@code ./nmt} and the tests set the policy; this class says when it is not in effect.
 * libgomp reads the variables once, so the environment of this process is what libtorch runs with.
 *
 * <p>MKL: libtorch's statically linked oneMKL picks its generic AVX2 kernels on every processor
 * that is not Intel's; {@code native/mkl_feature_dispatch.c}, preloaded, makes it pick them by the
 * processor's features, which on an AMD processor with AVX-512 multiplies matrices about 2.3 times
 * as fast (docs/BENCHMARKS.md, "MKL on AMD").
 */
public final class CpuRuntime {
    /** The file name of the library that makes MKL pick kernels by the processor's features. */
    static final String MKL_DISPATCH_LIBRARY = "libnmt4j_mkl_dispatch.so";

    private CpuRuntime() {}

    /**
     * The warnings to log when this process computes on the CPU: idle threads that spin, and MKL's
     * generic kernels on an AMD processor that has AVX-512.
     *
     * @param device the device chosen
     * @return one line each, none on a GPU or when all is well
     */
    public static List<String> warnings(Device device) {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return List.of();
        }
        Map<String, String> env = System.getenv();
        return Stream.of(
                        spinningWarning(env, JniUtils.getNumThreads()),
                        mklWarning(env, Processor.read(Path.of("/proc/cpuinfo"))))
                .flatMap(Optional::stream)
                .toList();
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
     * The line to log at start when computing on the CPU: threads, wait policy, allocator and how
     * MKL picks its kernels.
     *
     * @param device the device chosen
     * @return e.g. {@code "CPU: 2 intra-op threads, idle threads sleep (OMP_WAIT_POLICY=PASSIVE),
     *     allocator jemalloc, MKL kernels by vendor"}, or empty on a GPU
     */
    public static Optional<String> startupLine(Device device) {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return Optional.empty();
        }
        return Optional.of(summary(System.getenv(), JniUtils.getNumThreads()));
    }

    /**
     * The MKL warning for an environment and a processor.
     *
     * @param env the process environment
     * @param processor the processor's vendor and features
     * @return the warning when the processor is AMD's with AVX-512, the dispatch library is not
     *     preloaded and {@code NMT_MKL_DISPATCH} does not ask for MKL's own choice; else empty
     */
    static Optional<String> mklWarning(Map<String, String> env, Processor processor) {
        if (!processor.amd()
                || !processor.avx512()
                || mklByFeatures(env)
                || "vendor".equals(env.get("NMT_MKL_DISPATCH"))) {
            return Optional.empty();
        }
        return Optional.of(
                "MKL runs its generic AVX2 kernels on this AMD processor with AVX-512 (matrix"
                        + " products about 2.3x slower): ./nmt preloads native/mkl_feature_dispatch.c"
                        + " when a C compiler is installed (apt-get install -y gcc), or set"
                        + " LD_PRELOAD to the "
                        + MKL_DISPATCH_LIBRARY
                        + " it builds (docs/BENCHMARKS.md, MKL on AMD)");
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
                + allocator(env)
                + ", MKL kernels by "
                + (mklByFeatures(env) ? "the processor's features" : "vendor");
    }

    /**
     * Whether {@code LD_PRELOAD} holds the library that makes MKL pick kernels by features.
     *
     * @param env the process environment
     * @return whether it is preloaded
     */
    static boolean mklByFeatures(Map<String, String> env) {
        return env.getOrDefault("LD_PRELOAD", "").contains(MKL_DISPATCH_LIBRARY);
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

    /**
     * The processor's vendor and whether it has AVX-512, from {@code /proc/cpuinfo}.
     *
     * @param amd whether the vendor is {@code AuthenticAMD}
     * @param avx512 whether the flags include {@code avx512f}
     */
    record Processor(boolean amd, boolean avx512) {
        /** What a machine without {@code /proc/cpuinfo} (or another architecture) is taken for. */
        static final Processor UNKNOWN = new Processor(false, false);

        /**
         * Reads the first processor's vendor and flags.
         *
         * @param cpuinfo the file, normally {@code /proc/cpuinfo}
         * @return the processor, or {@link #UNKNOWN} when the file cannot be read
         */
        static Processor read(Path cpuinfo) {
            try (BufferedReader in = Files.newBufferedReader(cpuinfo, StandardCharsets.UTF_8)) {
                return parse(in.lines().limit(64).toList());
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
        }

        /**
         * Parses the lines of {@code /proc/cpuinfo}: the first {@code vendor_id} and {@code flags}.
         *
         * @param lines the file's first lines
         * @return the processor
         */
        static Processor parse(Iterable<String> lines) {
            String vendor = "";
            String flags = "";
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (key.equals("vendor_id") && vendor.isEmpty()) {
                    vendor = value;
                } else if (key.equals("flags") && flags.isEmpty()) {
                    flags = " " + value + " ";
                }
            }
            return new Processor(vendor.equals("AuthenticAMD"), flags.contains(" avx512f "));
        }
    }
}
