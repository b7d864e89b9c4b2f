package dev.pywasm.compat.claim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Small catalogs for tests: one section of node claims whose probe is {@code pass}. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    /**
     * Writes {@code claims/a.yaml} (section {@code s}) with one entry per id, each quoting {@code q<N>},
     * about node, predicting an ENOSYS raise (refuted by a return), and loads it.
     */
    public static Catalog nodeClaims(Path dir, String... ids) throws IOException {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        Path probes = Files.createDirectories(dir.resolve("probes"));
        Files.writeString(probes.resolve("p.py"), "pass\n");
        StringBuilder yaml = new StringBuilder("section: s\nclaims:\n");
        for (int i = 0; i < ids.length; i++) {
            yaml.append("  - {id: ").append(ids[i]).append(", quote: q").append(i + 1)
                    .append(", hosts: [node], probe: p.py, predicts: [{outcome: raised, errno: [ENOSYS]}], refuted_by: [{outcome: returned}]}\n");
        }
        Files.writeString(claims.resolve("a.yaml"), yaml);
        return Catalog.load(claims, probes, Set.of("node"));
    }
}
