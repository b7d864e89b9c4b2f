package dev.pywasm.compat.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileTest {

    @TempDir
    Path dir;

    @Test
    void theProbeFileExistsWhileTheCommandRunsAndIsGoneAfterwards() throws Exception {
        AtomicReference<Path> seen = new AtomicReference<>();
        String content = TempFile.withProbe(dir.resolve("work"), "print(1)\n", file -> {
            seen.set(file);
            try {
                return Files.readString(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(content).isEqualTo("print(1)\n");
        assertThat(seen.get().getFileName().toString()).startsWith("probe-").endsWith(".py");
        assertThat(seen.get()).doesNotExist();
    }

    @Test
    void theFileIsDeletedWhenTheCommandFails() {
        AtomicReference<Path> seen = new AtomicReference<>();
        assertThatThrownBy(() -> TempFile.withProbe(dir, "x", file -> {
            seen.set(file);
            throw new IllegalStateException("the runtime did not start");
        })).hasMessage("the runtime did not start");
        assertThat(seen.get()).doesNotExist();
    }
}
