package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeServerTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    Path runtime;

    @BeforeEach
    void files() throws IOException {
        runtime = Files.createDirectories(dir.resolve("pyodide"));
        for (String f : new String[] {"pyodide.js", "pyodide.mjs", "pyodide.asm.wasm", "pyodide-lock.json",
                "python_stdlib.zip", "README.md"}) {
            Files.writeString(runtime.resolve(f), "content of " + f);
        }
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
    }

    private static HttpResponse<String> get(RuntimeServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the path byte for byte: no client-side normalization of dot segments. */
    private static String raw(RuntimeServer s, String path) throws IOException {
        try (Socket socket = new Socket(s.address().getAddress(), s.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bindsToLoopbackOnly() {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            assertThat(s.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(s.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(s.address().getPort()).isPositive();
            assertThat(s.pageUrl()).startsWith("http://127.0.0.1:").endsWith("/harness/probe.html");
        }
    }

    @Test
    void servesCorrectMimeTypesAndContent() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            assertThat(type(s, "/pyodide/pyodide.asm.wasm")).isEqualTo("application/wasm");
            assertThat(type(s, "/pyodide/pyodide.js")).startsWith("text/javascript");
            assertThat(type(s, "/pyodide/pyodide.mjs")).startsWith("text/javascript");
            assertThat(type(s, "/pyodide/pyodide-lock.json")).isEqualTo("application/json");
            assertThat(type(s, "/pyodide/python_stdlib.zip")).isEqualTo("application/zip");
            assertThat(type(s, "/harness/probe.html")).startsWith("text/html");
            assertThat(type(s, "/harness/probe-worker.js")).startsWith("text/javascript");
            assertThat(get(s, "/pyodide/pyodide.js").body()).isEqualTo("content of pyodide.js");
            assertThat(get(s, "/harness/probe-page.js").body()).contains("pywasmRun");
        }
    }

    /** Every file comes from the browser's HTTP cache once fetched: each new worker fetches nothing over the loopback again. */
    @Test
    void everyFileIsCacheableSoANewWorkerFetchesNoneAgain() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            for (String path : List.of("/pyodide/pyodide.mjs", "/pyodide/python_stdlib.zip", "/harness/probe-worker.js",
                    "/harness/wrapper-modules.js", "/harness/bytecode-cache.js")) {
                HttpResponse<String> r = get(s, path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=86400");
            }
        }
    }

    @Test
    void badMimeModeGetsOnlyTheRuntimesJavaScriptAndWasmWrong() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.BADMIME)) {
            assertThat(type(s, "/pyodide/pyodide.asm.wasm")).isEqualTo("application/octet-stream");
            assertThat(type(s, "/pyodide/pyodide.mjs")).startsWith("text/plain");
            assertThat(type(s, "/pyodide/pyodide-lock.json")).isEqualTo("application/json");
            assertThat(type(s, "/harness/probe-worker.js")).startsWith("text/javascript");
            assertThat(get(s, "/pyodide/pyodide.js").headers().firstValue("Cross-Origin-Embedder-Policy"))
                    .hasValue("require-corp");
        }
    }

    @Test
    void isolatedModeSendsCrossOriginHeadersOnEveryResponse() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            for (String path : new String[] {"/harness/probe.html", "/pyodide/pyodide.asm.wasm", "/nowhere"}) {
                HttpResponse<String> r = get(s, path);
                assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
                assertThat(r.headers().firstValue("Cross-Origin-Embedder-Policy")).as(path).hasValue("require-corp");
                assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).as(path).hasValue("same-origin");
            }
        }
    }

    @Test
    void plainModeSendsNoIsolationHeaders() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.PLAIN)) {
            HttpResponse<String> r = get(s, "/pyodide/pyodide.asm.wasm");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/wasm");
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("cross-origin"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pyodide/../secret.txt", "/pyodide/%2e%2e/secret.txt", "/pyodide/..%2fsecret.txt",
            "/pyodide/./pyodide.js", "/pyodide//etc/passwd", "/harness/../pyodide/pyodide.js", "/pyodide/..\\secret.txt"})
    void refusesPathsThatCouldLeaveTheRoots(String path) throws IOException {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            String response = raw(s, path);
            assertThat(response).doesNotContain("outside the root").doesNotContain("content of");
            assertThat(response.lines().findFirst().orElse("")).matches("HTTP/1.1 (400|403|404) .*");
        }
    }

    @Test
    void unknownFilesAreNotFoundAndOnlyGetAndHeadAreAllowed() throws Exception {
        try (RuntimeServer s = RuntimeServer.start(runtime, ServeMode.ISOLATED)) {
            assertThat(get(s, "/pyodide/missing.js").statusCode()).isEqualTo(404);
            assertThat(get(s, "/harness/RuntimeServer.class").statusCode()).isEqualTo(404);
            assertThat(get(s, "/").statusCode()).isEqualTo(404);
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(s.origin() + "/pyodide/pyodide.js"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void stopsWithClose() throws Exception {
        RuntimeServer s = RuntimeServer.start(runtime, ServeMode.PLAIN);
        String origin = s.origin();
        s.close();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + "/pyodide/pyodide.js")).build(),
                HttpResponse.BodyHandlers.ofString()))).isInstanceOf(IOException.class);
    }

    private static String type(RuntimeServer s, String path) throws Exception {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.headers().firstValue("Content-Type").orElse("");
    }
}
