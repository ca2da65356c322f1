package org.nmt4j.faults;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** A path of {@link FaultyFileSystem}: a platform path that belongs to the faulty provider. */
final class FaultyPath implements Path {
    private final FaultyFileSystem fs;
    private final Path platform;

    FaultyPath(FaultyFileSystem fs, Path platform) {
        this.fs = fs;
        this.platform = platform;
    }

    /** Returns the platform path behind a path of either file system. */
    static Path unwrap(Path p) {
        return p instanceof FaultyPath f ? f.platform : p;
    }

    private Path wrap(Path p) {
        return fs.wrap(p);
    }

    @Override
    public FaultyFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return platform.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(platform.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(platform.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(platform.getParent());
    }

    @Override
    public int getNameCount() {
        return platform.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(platform.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(platform.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return platform.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return platform.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
        return wrap(platform.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(platform.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(platform.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return platform.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(platform.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(platform.toRealPath(options));
    }

    @Override
    public File toFile() {
        return new File(platform.toString());
    }

    @Override
    public WatchKey register(
            WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        return platform.register(watcher, events, modifiers);
    }

    @Override
    public int compareTo(Path other) {
        return platform.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultyPath f && platform.equals(f.platform);
    }

    @Override
    public int hashCode() {
        return platform.hashCode();
    }

    @Override
    public String toString() {
        return platform.toString();
    }
}
