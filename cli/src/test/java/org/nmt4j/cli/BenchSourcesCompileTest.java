package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks under {@code bench/} are run as single-file source programs by their {@code
 * run.sh}, outside the Maven build; this keeps them compiling against the current API.
 */
class BenchSourcesCompileTest {

    @Test
    void everyBenchmark_compilesAgainstTheProjectsClasses(@TempDir Path out) throws IOException {
        Path bench = Path.of("..", "bench").toAbsolutePath().normalize();
        List<String> sources;
        try (Stream<Path> files = Files.walk(bench)) {
            sources =
                    files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertFalse(sources.isEmpty(), "no benchmark sources under " + bench);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (String source : sources) {
            List<String> args = new ArrayList<>();
            args.addAll(List.of("-proc:none", "-d", out.toString()));
            args.addAll(List.of("-cp", System.getProperty("java.class.path"), source));
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
            assertTrue(
                    rc == 0,
                    source + " does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
    }
}
