package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code prepare} verb on the demo config: statistics on stdout, config errors exit 2. */
class PrepareCommandTest {
    private static final String DEMO = "../configs/demo.yaml";

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void prepare_demoConfig_printsStatistics_andWritesTokenizerAndSplits() {
        int code = run("prepare", "--config", DEMO, "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        for (String expected :
                new String[] {"read ", "pairs", "kept", "source:", "p99", "padding", "naive"}) {
            assertTrue(text.contains(expected), text);
        }
        assertTrue(Files.isRegularFile(dir.resolve("spm.model")));
        assertTrue(Files.isRegularFile(dir.resolve("train.tsv")));
        assertTrue(Files.isRegularFile(dir.resolve("dev.tsv")));
    }

    @Test
    void prepare_overrideWithBadValue_exitsWith2_namingTheKey() {
        int code =
                run(
                        "prepare",
                        "--config",
                        DEMO,
                        "--out",
                        dir.toString(),
                        "--set",
                        "data.max_tokens=0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("max_tokens"), err.toString());
    }

    @Test
    void prepare_mostlyMalformedCorpus_exitsWith2_namingTheFile() throws IOException {
        Path bad =
                Files.writeString(dir.resolve("bad.tsv"), "only English\nno tabs here\nok\tbien\n");
        int code =
                run(
                        "prepare",
                        "--config",
                        DEMO,
                        "--out",
                        dir.resolve("o").toString(),
                        "--set",
                        "data.train=" + bad.toAbsolutePath());
        assertEquals(2, code, out.toString());
        assertTrue(err.toString().contains("bad.tsv"), err.toString());
        assertTrue(err.toString().contains("2 of 3 lines"), err.toString());
    }

    @Test
    void prepare_missingConfig_exitsWith2() {
        assertEquals(2, run("prepare", "--config", dir.resolve("nope.yaml").toString()));
    }

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
