package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -Dnmt.gpu} build leaves the CPU libtorch jar out: with it on the class path, DJL would
 * load it on a GPU machine and train on the CPU without a word. Asks Maven (the project's wrapper;
 * offline first, online when a plugin is not in the local repository yet) for the command line's
 * runtime class path with {@code -Dnmt.gpu} (the launcher's {@code classpath-gpu.txt}; cli, the
 * last module built, writes it last); the {@code validate} phase also runs the profile's enforcer
 * rule, against that jar in any scope, in every module.
 */
class GpuBuildClasspathTest {
    @TempDir Path tmp;

    @Test
    void gpuBuildClassPath_holdsTheJniJar_butNoCpuLibtorchJar_inAnyModule() throws Exception {
        Path out = tmp.resolve("classpath-gpu.txt");
        ChildJvm.Result r = gpuClassPath(out, true);
        if (r.exitCode() != 0) {
            r = gpuClassPath(out, false);
        }
        assertEquals(0, r.exitCode(), r.output());
        String cp = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(cp.contains("pytorch-jni-2.7.1-0.35.1.jar"), cp);
        assertTrue(cp.contains("pytorch-engine-0.35.1.jar"), cp);
        assertTrue(cp.contains("picocli"), "the command line's class path: " + cp);
        assertFalse(cp.contains("junit"), "runtime scope only: " + cp);
        assertFalse(cp.contains("pytorch-native"), cp);
        assertTrue(
                ChildJvm.testClassPath().stream().anyMatch(e -> e.contains("pytorch-native-cpu")),
                "the default build (this test's) does bundle it");
    }

    private static ChildJvm.Result gpuClassPath(Path out, boolean offline) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("mvnw").toString());
        // "test-compile" with compiling and resources skipped: the reactor then resolves the other
        // modules to their classes (compiled by the build running this test), nothing is written
        cmd.addAll(
                List.of(
                        "-B",
                        "-q",
                        "-Dnmt.gpu",
                        "-Dmaven.main.skip=true",
                        "-Dmaven.test.skip=true",
                        "-Dmaven.resources.skip=true",
                        "-pl",
                        "cli",
                        "-am"));
        if (offline) {
            cmd.add("-o");
        }
        cmd.addAll(
                List.of(
                        "test-compile",
                        "dependency:build-classpath",
                        "-DincludeScope=runtime",
                        "-Dmdep.outputFile=" + out));
        return ChildJvm.exec(cmd, Map.of(), root);
    }
}
