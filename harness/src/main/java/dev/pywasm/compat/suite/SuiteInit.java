package dev.pywasm.compat.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes the example suite ({@code init-suite DIR}): a tiny claims source with one statement, the claim
 * that quotes it with a precise prediction, its probe (which would see the claim fail where the statement
 * is false) and the verdict recorded for the default runtime on node. The files are resources under
 * {@code example/}; nothing existing is overwritten.
 */
public final class SuiteInit {

    /** The example's files, relative to the suite; {@code expectations/node.yaml} goes under the runtime's id. */
    static final List<String> FILES = List.of(Suite.FILE, "LIMITATIONS.md", "claims/10-limitations.yaml",
            "probes/processes/getpid.py", "expectations/node.yaml");

    private SuiteInit() {
    }

    /**
     * Writes the example into {@code dir}, which must be new or empty.
     *
     * @param runtimeId the runtime its recorded verdict is for (the default runtime, e.g. {@code pyodide-314.0.7})
     * @return the files written
     */
    public static List<Path> write(Path dir, String runtimeId) {
        if (Files.exists(dir) && !(Files.isDirectory(dir) && empty(dir))) {
            throw new SuiteException(dir + ": " + (Files.isDirectory(dir) ? "not empty" : "is a file")
                    + "; init-suite writes a new suite and overwrites nothing: name a new or empty directory");
        }
        String name = name(dir);
        List<Path> written = new ArrayList<>();
        for (String file : FILES) {
            String target = file.equals("expectations/node.yaml") ? "expectations/" + runtimeId + "/node.yaml" : file;
            Path out = dir.resolve(target);
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, resource(file).replace("{{name}}", name).replace("{{runtime}}", runtimeId));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            written.add(out);
        }
        return written;
    }

    /** The suite's name: the directory's, in lower case with other characters as '-', else "example". */
    static String name(Path dir) {
        Path last = dir.toAbsolutePath().normalize().getFileName();
        String name = last == null ? "" : last.toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "example" : name;
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = SuiteInit.class.getResourceAsStream("example/" + file)) {
            if (in == null) {
                throw new IllegalStateException("harness resource missing: example/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
