package org.nmt4j.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A default file system provider for tests in a forked JVM ({@code
 * -Djava.nio.file.spi.DefaultFileSystemProvider=org.nmt4j.faults.FaultyFileSystemProvider}, see
 * {@link ForkedJvm.Builder#faults}): everything goes to the platform's provider, but the changes
 * under a chosen directory pass through a {@link FaultPlan} first, which can stop the process at a
 * chosen write (to be killed there) or fail writes as a full disk does. The code under test is
 * unchanged: it reaches this provider through {@code Path.of}, {@code Files} and {@code
 * FileChannel.open}, as on any other file system. (Writes through {@code java.io} streams, such as
 * Logback's, bypass it.)
 */
public final class FaultyFileSystemProvider extends FileSystemProvider {
    private final FileSystemProvider platform;
    private final FaultyFileSystem fs;
    private final FaultPlan plan;

    /**
     * Wraps the platform's provider (the JDK calls this once, when the default file system is first
     * used).
     *
     * @param platform the provider it replaces
     */
    public FaultyFileSystemProvider(FileSystemProvider platform) {
        this.platform = platform;
        this.fs = new FaultyFileSystem(this, platform.getFileSystem(URI.create("file:///")));
        this.plan = FaultPlan.fromSystemProperties(platform);
    }

    private static Path unwrap(Path p) {
        return FaultyPath.unwrap(p);
    }

    @Override
    public String getScheme() {
        return "file";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new FileSystemAlreadyExistsException(uri.toString());
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return fs.wrap(platform.getPath(uri));
    }

    @Override
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (!writes(options)) {
            return platform.newByteChannel(unwrap(path), options, attrs);
        }
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path p = unwrap(path);
        if (!writes(options)) {
            return platform.newFileChannel(p, options, attrs);
        }
        if (options.contains(StandardOpenOption.CREATE)
                || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            plan.change("open", p, null);
        }
        return new FaultyFileChannel(platform.newFileChannel(p, options, attrs), p, plan);
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE)
                || options.contains(StandardOpenOption.APPEND);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return platform.newInputStream(unwrap(path), options);
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(
            Path path,
            Set<? extends OpenOption> options,
            ExecutorService executor,
            FileAttribute<?>... attrs)
            throws IOException {
        return platform.newAsynchronousFileChannel(unwrap(path), options, executor, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(
            Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        DirectoryStream<Path> entries =
                platform.newDirectoryStream(unwrap(dir), p -> filter.accept(fs.wrap(p)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fs.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        plan.change("mkdir", unwrap(dir), null);
        platform.createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
            throws IOException {
        plan.change("symlink", unwrap(link), null);
        platform.createSymbolicLink(unwrap(link), unwrap(target), attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        plan.change("link", unwrap(link), unwrap(existing));
        platform.createLink(unwrap(link), unwrap(existing));
    }

    @Override
    public void delete(Path path) throws IOException {
        plan.change("delete", unwrap(path), null);
        platform.delete(unwrap(path));
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        plan.change("delete", unwrap(path), null);
        return platform.deleteIfExists(unwrap(path));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fs.wrap(platform.readSymbolicLink(unwrap(link)));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        plan.change("copy", unwrap(source), unwrap(target));
        platform.copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        plan.change("move", unwrap(source), unwrap(target));
        platform.move(unwrap(source), unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return platform.isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return platform.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return platform.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        platform.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
            Path path, Class<V> type, LinkOption... options) {
        return platform.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(
            Path path, Class<A> type, LinkOption... options) throws IOException {
        return platform.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return platform.readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
            throws IOException {
        platform.setAttribute(unwrap(path), attribute, value, options);
    }
}
