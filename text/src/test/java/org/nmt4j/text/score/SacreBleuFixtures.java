package org.nmt4j.text.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The test fixtures under {@code src/test/resources/score/}: one directory per case (hyp.txt,
 * ref1.txt, ref2.txt, ...) and {@code expected.properties}, which holds sacreBLEU 2.6.0's own
 * figures for them, written by {@code make_expected.py} (sacreBLEU's Python API run from its
 * source; the script says how).
 */
final class SacreBleuFixtures {

    /** A case's inputs, read as the {@code nmt score} command reads files. */
    record Case(String name, List<String> hyps, List<List<String>> refs) {}

    private static final Properties EXPECTED = load();

    private SacreBleuFixtures() {}

    /** The expected value of {@code key}; fails if the file lacks it. */
    static String expected(String key) {
        String value = EXPECTED.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(
                    "expected.properties has no " + key + "; rerun make_expected.py");
        }
        return value;
    }

    static double expectedDouble(String key) {
        return Double.parseDouble(expected(key));
    }

    static List<Long> expectedLongs(String key) {
        return Arrays.stream(expected(key).split(",")).map(Long::valueOf).toList();
    }

    static List<Double> expectedDoubles(String key) {
        return Arrays.stream(expected(key).split(",")).map(Double::valueOf).toList();
    }

    /** The case names listed in the expected file. */
    static List<String> caseNames() {
        return List.of(expected("cases").split(","));
    }

    /** The distinct numbered prefixes of {@code group} keys, e.g. {@code tok.000}. */
    static List<String> numbered(String group) {
        return EXPECTED.stringPropertyNames().stream()
                .filter(k -> k.startsWith(group + ".") && k.endsWith(".out"))
                .map(k -> k.substring(0, k.length() - ".out".length()))
                .sorted()
                .toList();
    }

    /** Reads a case: references per line, with the command's rule for lines with none. */
    static Case readCase(String name) throws IOException {
        Path dir = directory(name);
        List<Path> refFiles;
        try (Stream<Path> files = Files.list(dir)) {
            refFiles =
                    files.filter(p -> p.getFileName().toString().matches("ref\\d+\\.txt"))
                            .sorted()
                            .toList();
        }
        List<List<String>> streams = new ArrayList<>();
        for (Path ref : refFiles) {
            streams.add(ScoreFiles.readReferences(ref));
        }
        List<String> hyps = ScoreFiles.readHypotheses(dir.resolve("hyp.txt"));
        return new Case(name, hyps, References.emptyWhereNone(References.fromStreams(streams)));
    }

    /** The directory of a case, or of the fixtures when {@code name} is empty. */
    static Path directory(String name) {
        URL url = SacreBleuFixtures.class.getResource("/score/expected.properties");
        try {
            Path root = Path.of(url.toURI()).getParent();
            return name.isEmpty() ? root : root.resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load() {
        try (InputStream in =
                SacreBleuFixtures.class.getResourceAsStream("/score/expected.properties")) {
            if (in == null) {
                throw new IllegalStateException("score/expected.properties missing");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
