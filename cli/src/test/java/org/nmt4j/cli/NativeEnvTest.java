package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code native/env.sh}, what {@code ./nmt} sources before it starts the JVM: the environment it
 * exports, the {@code LD_PRELOAD} it computes, and its one-line errors. Each case runs the script
 * in a fresh bash against a copy of {@code native/} in a temporary checkout, so nothing is built in
 * the real one.
 */
class NativeEnvTest {
    private static final Path NATIVE = Path.of("..", "native").toAbsolutePath().normalize();

    @TempDir Path root;

    private record Result(int exit, String out, String err) {}

    /** Sources env.sh with {@code root} as the checkout and prints the variables it sets. */
    private Result source(Map<String, String> env, String path) throws Exception {
        Path copy = root.resolve("native");
        if (!Files.isDirectory(copy)) {
            Files.createDirectories(copy);
            for (String f : List.of("env.sh", "mkl_feature_dispatch.c")) {
                Files.copy(NATIVE.resolve(f), copy.resolve(f));
            }
        }
        String script =
                "set -euo pipefail; root=\"$1\"; source \"$root/native/env.sh\";"
                        + " echo \"preload=$nmt_preload\"; echo \"omp=$OMP_WAIT_POLICY\";"
                        + " echo \"thp=$THP_MEM_ALLOC_ENABLE\"";
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script, "bash", root.toString());
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    private Result source(Map<String, String> env) throws Exception {
        return source(env, System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private static String line(Result r, String key) {
        return r.out()
                .lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " not printed: " + r));
    }

    @Test
    void exportsThePassiveWaitPolicyAndLargePages_butKeepsWhatTheUserSet() throws Exception {
        Result r = source(Map.of("NMT_MALLOC", "glibc", "NMT_MKL_DISPATCH", "vendor"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("PASSIVE", line(r, "omp"));
        assertEquals("1", line(r, "thp"));
        assertEquals("", line(r, "preload"));
        Result own =
                source(
                        Map.of(
                                "NMT_MALLOC", "glibc",
                                "NMT_MKL_DISPATCH", "vendor",
                                "OMP_WAIT_POLICY", "ACTIVE",
                                "THP_MEM_ALLOC_ENABLE", "0",
                                "LD_PRELOAD", "/opt/mine.so"));
        assertEquals("ACTIVE", line(own, "omp"));
        assertEquals("0", line(own, "thp"));
        assertEquals("/opt/mine.so", line(own, "preload"));
    }

    @Test
    void mklDispatchFeatures_buildsTheLibraryOnce_andAppendsItToThePreload() throws Exception {
        assumeTrue(onPath("cc"), "no C compiler here");
        Result r =
                source(
                        Map.of(
                                "NMT_MALLOC", "glibc",
                                "NMT_MKL_DISPATCH", "features",
                                "LD_PRELOAD", "/opt/mine.so"));
        assertEquals(0, r.exit(), r.toString());
        Path lib = root.resolve("target/native/libnmt4j_mkl_dispatch.so");
        assertEquals("/opt/mine.so:" + lib, line(r, "preload"));
        assertTrue(Files.size(lib) > 0);
        try (var files = Files.list(lib.getParent())) {
            assertEquals(List.of(lib), files.toList(), "no temporary file left behind");
        }
        long built = Files.getLastModifiedTime(lib).toMillis();
        Thread.sleep(20);
        assertEquals(
                0, source(Map.of("NMT_MALLOC", "glibc", "NMT_MKL_DISPATCH", "features")).exit());
        assertEquals(built, Files.getLastModifiedTime(lib).toMillis(), "built again");
    }

    @Test
    void mklDispatchFeatures_withoutACompiler_failsInOneLineNamingTheFix() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin-without-cc"));
        for (String tool : List.of("grep", "mkdir", "dirname", "mv", "rm")) {
            Path found = which(tool);
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        Result r =
                source(
                        Map.of("NMT_MALLOC", "glibc", "NMT_MKL_DISPATCH", "features"),
                        bin.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(
                "nmt: error: NMT_MKL_DISPATCH=features needs a C compiler to build "
                        + root.resolve("native/mkl_feature_dispatch.c")
                        + "; apt-get install -y gcc, or NMT_MKL_DISPATCH=vendor",
                r.err().strip());
        Result auto = source(Map.of("NMT_MALLOC", "glibc"), bin.toString());
        assertEquals(0, auto.exit(), "auto goes on without the library: " + auto);
        assertEquals("", line(auto, "preload"));
    }

    @Test
    void badValues_failWithExitTwoAndOneLineListingTheChoices() throws Exception {
        Result mkl = source(Map.of("NMT_MKL_DISPATCH", "intel"));
        assertEquals(2, mkl.exit(), mkl.toString());
        assertEquals(
                "nmt: error: NMT_MKL_DISPATCH=intel is not one of auto, features, vendor",
                mkl.err().strip());
        Result malloc = source(Map.of("NMT_MALLOC", "mimalloc"));
        assertEquals(2, malloc.exit(), malloc.toString());
        assertEquals(
                "nmt: error: NMT_MALLOC=mimalloc is not one of auto, tcmalloc, jemalloc, glibc",
                malloc.err().strip());
    }

    @Test
    void mklDispatchAuto_preloadsTheLibraryExactlyOnAmdProcessors() throws Exception {
        assumeTrue(onPath("cc"), "no C compiler here");
        Result r = source(Map.of("NMT_MALLOC", "glibc"));
        assertEquals(0, r.exit(), r.toString());
        boolean amd =
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("vendor_id"))
                        .findFirst()
                        .map(l -> l.contains("AuthenticAMD"))
                        .orElse(false);
        assertEquals(
                amd ? root.resolve("target/native/libnmt4j_mkl_dispatch.so").toString() : "",
                line(r, "preload"));
    }

    private static boolean onPath(String tool) {
        try {
            which(tool);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path which(String tool) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toRealPath();
            }
        }
        throw new IOException(tool + " not on PATH");
    }
}
