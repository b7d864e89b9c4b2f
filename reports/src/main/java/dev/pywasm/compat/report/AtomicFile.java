package dev.pywasm.compat.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a reader, or the next run after a crash, sees the old content or the new one
 * and never half of it: the content goes to a temporary file in the same directory (named
 * {@code .<name>.<random>.tmp}, which readers ignore), is synced to disk, then renamed over the target.
 */
public final class AtomicFile {

    /** Writes the content to a stream; may fail half way. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                readableLikeAnyFile(tmp);
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel)) {
                        @Override
                        public void close() throws IOException {
                            flush(); // writers that close their stream (Jackson does) must not close the channel
                        }
                    };
                    content.writeTo(out);
                    out.flush();
                    channel.force(true);
                }
                ResultFile.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Temporary files are created private (0600); reports are for sharing: rw-r--r--, like summary.md. */
    private static void readableLikeAnyFile(Path tmp) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** True for the temporary files {@link #write} leaves when the process dies before the rename. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }
}
