package org.nmt4j.data.tokenizer;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether SentencePiece's command-line tools are here, for the tests that compare against them. */
final class SpmTools {
    private SpmTools() {}

    /**
     * Skips the calling test when a tool is not on the PATH, or fails it when the system property
     * {@code nmt.spm.required} is true (CI installs the tools and sets it, so that these tests
     * run).
     *
     * @param tool e.g. {@code spm_encode}
     */
    static void assumeInstalled(String tool) {
        boolean here = onPath(tool);
        if (!here && Boolean.getBoolean("nmt.spm.required")) {
            fail(
                    tool
                            + " is not on the PATH but -Dnmt.spm.required=true: apt-get install sentencepiece");
        }
        assumeTrue(here, tool + " is not installed (Debian: apt-get install sentencepiece)");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
