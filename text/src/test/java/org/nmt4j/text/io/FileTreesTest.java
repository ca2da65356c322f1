package org.nmt4j.text.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTrees#delete}: whole trees, links not followed, missing paths ignored. */
class FileTreesTest {
    @TempDir Path tmp;

    @Test
    void tree_isDeletedWhole_butALinkInItKeepsItsTarget() throws IOException {
        Path target = Files.writeString(tmp.resolve("kept.txt"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("a/b/c"));
        Files.writeString(tree.resolve("f.txt"), "x");
        Files.createSymbolicLink(tmp.resolve("a/b/link"), target);
        FileTrees.delete(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
        assertTrue(Files.exists(target), "the link's target is not followed");
    }

    @Test
    void linkToADirectory_isDeletedItself_notItsTarget() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("checkpoint"));
        Files.writeString(dir.resolve("model.params"), "p");
        Path best = Files.createSymbolicLink(tmp.resolve("best"), dir);
        FileTrees.delete(best);
        assertFalse(Files.exists(best, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(dir.resolve("model.params")));
    }

    @Test
    void missingPath_isNotAnError() throws IOException {
        FileTrees.delete(tmp.resolve("nothing-here"));
        assertFalse(Files.exists(tmp.resolve("nothing-here")));
    }
}
