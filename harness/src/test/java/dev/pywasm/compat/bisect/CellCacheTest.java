package dev.pywasm.compat.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellCacheTest {

    static final HostIdentity NODE = new HostIdentity("node", "v20.20.2", List.of(), List.of("--experimental-wasm-threads"), null);

    @TempDir
    Path dir;

    private Catalog catalog(String hosts, String timeout) throws IOException {
        Path claims = Files.createDirectories(dir.resolve("claims"));
        Path probes = Files.createDirectories(dir.resolve("probes"));
        if (!Files.exists(probes.resolve("p.py"))) {
            Files.writeString(probes.resolve("p.py"), "print('probe v1')\n");
        }
        Files.writeString(claims.resolve("a.yaml"), "section: s\nclaims:\n"
                + "  - {id: a.one, quote: q1, hosts: [" + hosts + "], probe: p.py, timeout: " + timeout
                + ", predicts: [{outcome: raised, errno: [ENOSYS, ENOTSUP]}], refuted_by: [{outcome: returned}]}\n");
        return Catalog.load(claims, probes, dev.pywasm.compat.host.HostKind.ids());
    }

    private static Result result(String runtime, Verdict v) {
        return new Result("a.one", "s", "q1", "node", runtime, v, "because", Observation.of(Outcome.RAISED, "m"),
                Evidence.none(), null);
    }

    @Test
    void aCellIsReusedWhileProbeClaimRuntimeAndHostAreTheSame() throws IOException {
        Catalog catalog = catalog("node, chromium", "20s");
        CellCache cache = new CellCache(dir.resolve("bisect"), catalog, NODE, "WORKER");
        assertThat(cache.put(catalog.claim("a.one"), result("pyodide-0.27.0", Verdict.HOLDS))).isTrue();
        assertThat(cache.get(catalog.claim("a.one"), "pyodide-0.27.0")).get()
                .extracting(Result::verdict, Result::reason).containsExactly(Verdict.HOLDS, "because");
        assertThat(cache.get(catalog.claim("a.one"), "pyodide-0.27.1")).as("another runtime").isEmpty();

        Catalog reordered = catalog("chromium, node", "20s");
        assertThat(new CellCache(dir.resolve("bisect"), reordered, NODE, "WORKER").get(reordered.claim("a.one"),
                "pyodide-0.27.0")).as("hosts are a set: their order is not a change").isPresent();

        Catalog slower = catalog("node, chromium", "40s");
        assertThat(new CellCache(dir.resolve("bisect"), slower, NODE, "WORKER").get(slower.claim("a.one"), "pyodide-0.27.0"))
                .as("a changed catalog entry").isEmpty();

        HostIdentity newerNode = new HostIdentity("node", "v22.1.0", List.of(), List.of(), null);
        assertThat(new CellCache(dir.resolve("bisect"), catalog, newerNode, "WORKER").get(catalog.claim("a.one"),
                "pyodide-0.27.0")).as("another node").isEmpty();
        assertThat(new CellCache(dir.resolve("bisect"), catalog, NODE, "PROCESS").get(catalog.claim("a.one"),
                "pyodide-0.27.0")).as("another isolation").isEmpty();

        Files.writeString(dir.resolve("probes/p.py"), "print('probe v2')\n");
        assertThat(cache.get(catalog.claim("a.one"), "pyodide-0.27.0")).as("a changed probe").isEmpty();
    }

    @Test
    void errorAndFlakyCellsAreNotKept() throws IOException {
        Catalog catalog = catalog("node", "20s");
        CellCache cache = new CellCache(dir.resolve("bisect"), catalog, NODE, "WORKER");
        assertThat(cache.put(catalog.claim("a.one"), result("pyodide-0.27.0", Verdict.ERROR))).isFalse();
        assertThat(cache.put(catalog.claim("a.one"), result("pyodide-0.27.1", Verdict.FLAKY))).isFalse();
        assertThat(cache.get(catalog.claim("a.one"), "pyodide-0.27.0")).isEmpty();
        assertThat(cache.get(catalog.claim("a.one"), "pyodide-0.27.1")).isEmpty();
    }

    @Test
    void runtimeIdentitiesAreKeptWithoutHostNotes() throws IOException {
        CellCache cache = new CellCache(dir.resolve("bisect"), catalog("node", "20s"), NODE, "WORKER");
        cache.putIdentity(new RuntimeIdentity("pyodide-0.27.0", "pyodide", "0.27.0", "3.12.7", "3.1.58",
                "Emscripten-3.1.58-wasm32-32bit", Map.of("node", "restored from a snapshot")));
        assertThat(cache.identity("pyodide-0.27.0")).get().satisfies(id -> {
            assertThat(id.emscripten()).isEqualTo("3.1.58");
            assertThat(id.notes()).isEmpty();
        });
        assertThat(cache.identity("pyodide-0.27.1")).isEmpty();
    }

    @Test
    void canonicalJsonIgnoresKeyOrderAndTheOrderOfPlainArrays() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(CellCache.canonical(mapper.readTree("{\"b\": [2, 1], \"a\": {\"y\": 1, \"x\": [{\"k\": 1}, {\"k\": 0}]}}")))
                .isEqualTo(CellCache.canonical(mapper.readTree("{\"a\": {\"x\": [{\"k\": 1}, {\"k\": 0}], \"y\": 1}, \"b\": [1, 2]}")))
                .isNotEqualTo(CellCache.canonical(mapper.readTree("{\"a\": {\"x\": [{\"k\": 0}, {\"k\": 1}], \"y\": 1}, \"b\": [1, 2]}")));
    }
}
