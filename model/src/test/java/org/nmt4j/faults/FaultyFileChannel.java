package org.nmt4j.faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A platform file channel opened for writing, whose writes and truncations go through the {@link
 * FaultPlan} first. Everything else is the platform channel's.
 */
final class FaultyFileChannel extends FileChannel {
    private final FileChannel channel;
    private final Path file;
    private final FaultPlan plan;

    FaultyFileChannel(FileChannel channel, Path file, FaultPlan plan) {
        this.channel = channel;
        this.file = file;
        this.plan = plan;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        int first = plan.beforeWrite(file, n);
        if (first >= n) {
            return channel.write(src);
        }
        int done = writeFully(src, first, -1);
        plan.fault(file);
        return done + channel.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        int n = src.remaining();
        int first = plan.beforeWrite(file, n);
        if (first >= n) {
            return channel.write(src, position);
        }
        int done = writeFully(src, first, position);
        plan.fault(file);
        return done + channel.write(src, position + done);
    }

    /**
     * Writes the first {@code n} bytes of {@code src} (at {@code position}, or the current one).
     */
    private int writeFully(ByteBuffer src, int n, long position) throws IOException {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        int done = 0;
        while (part.hasRemaining()) {
            done += position < 0 ? channel.write(part) : channel.write(part, position + done);
        }
        src.position(src.position() + done);
        return done;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                total += write(srcs[i]);
            }
        }
        return total;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        plan.change("truncate", file, null);
        channel.truncate(size);
        return this;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        long done = 0;
        while (done < count) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += write(buffer, position + done);
            }
        }
        return done;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return channel.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return channel.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        channel.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
            throws IOException {
        return channel.transferTo(position, count, target);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return channel.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return channel.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }
}
