package dev.pywasm.compat.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * An {@code npm} for tests: {@code npm view} answers the JSON it is given, or fails like an unreachable
 * registry once {@link #offline()} is called. Nothing is installed, nothing goes to the network.
 */
public final class FakeNpm {

    private final Path dir;

    public FakeNpm(Path dir) {
        this.dir = dir;
        write("npm", "#!/bin/sh\n"
                + "here=\"$(dirname \"$0\")\"\n"
                + "echo \"$@\" >> \"$here/calls\"\n"
                + "if [ -f \"$here/offline\" ]; then echo 'npm error code ENOTFOUND registry.npmjs.org' >&2; exit 1; fi\n"
                + "cat \"$here/answer.json\"\n");
        try {
            Files.setPosixFilePermissions(dir.resolve("npm"), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry says {@code latest} is this and has these versions. */
    public FakeNpm answers(String latest, List<String> versions) {
        write("answer.json", "{\"dist-tags\": {\"latest\": \"" + latest + "\"}, \"versions\": [\""
                + String.join("\", \"", versions) + "\"]}");
        return this;
    }

    /** From now on the registry is unreachable. */
    public FakeNpm offline() {
        write("offline", "");
        return this;
    }

    public String path() {
        return dir.resolve("npm").toString();
    }

    /** How many times npm was run. */
    public int calls() {
        try {
            return Files.exists(dir.resolve("calls")) ? Files.readAllLines(dir.resolve("calls")).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code <cache>/pyodide/<version>} look like a finished install (its manifest is there). */
    public static void installed(Path cache, String version) {
        try {
            Path home = Files.createDirectories(cache.resolve("pyodide").resolve(version));
            Files.writeString(home.resolve(PyodideNpm.MANIFEST), "{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
