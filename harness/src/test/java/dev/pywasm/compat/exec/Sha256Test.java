package dev.pywasm.compat.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void sha256OfAStringAndOfAFileAgree() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "abc");
        assertThat(Sha256.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of(f)).isEqualTo(Sha256.of("abc"));
    }
}
