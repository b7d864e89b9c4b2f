package dev.pywasm.compat.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on one part of a source-build cache ({@code shared}: source, zlib, build Python;
 * or one target's tree), held across processes: a second {@code build} or {@code run
 * --cpython-build} on the same cache waits instead of unpacking the source under a running build.
 * Two targets can still build at once, each under its own lock.
 */
final class BuildLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private BuildLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static BuildLock acquire(Path work, String part, Runtime.Progress progress) {
        Path file = work.resolve(".lock-" + part);
        try {
            Files.createDirectories(work);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                progress.say("  waiting for another build holding " + file + " ...");
                lock = channel.lock();
            }
            return new BuildLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
