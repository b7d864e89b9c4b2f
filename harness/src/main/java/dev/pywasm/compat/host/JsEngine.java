package dev.pywasm.compat.host;

import java.util.List;

/**
 * A JavaScript runtime besides Node that runs Pyodide's npm package through its Node compatibility
 * layer, shipped as a binary inside an npm registry package (so it installs like Pyodide, with {@code npm}).
 * The versions are pinned so that a run is reproducible; {@code --deno} / {@code --bun} (or
 * {@code PYWASM_DENO} / {@code PYWASM_BUN}) use another binary.
 *
 * @param id          the host id
 * @param npmPackage  the registry package holding the Linux x64 binary
 * @param version     the pinned version of that package
 * @param binary      the binary's path inside the package
 * @param env         the environment variable naming another binary
 * @param runPrefix   what goes between the binary and a script ({@code run -A} for Deno)
 * @param scriptSuffix the name ending the Node scripts need here ({@code .cjs}: Deno reads {@code .js} as ESM)
 * @param poolArgs    extra arguments of pyodide-pool.js on this engine (both engines: no V8 code cache of the runtime
 *                    script and no cache of the wrapper modules, which pyodide-pool.js makes for Node and which were
 *                    measured on Node only)
 * @param identityScript JavaScript printing one JSON object: the engine's own idea of its versions
 */
public record JsEngine(String id, String npmPackage, String version, String binary, String env, List<String> runPrefix,
        String scriptSuffix, List<String> poolArgs, String identityScript) {

    /** Deno 2: V8 under Rust; Node's worker_threads through its compatibility layer. */
    public static final JsEngine DENO = new JsEngine("deno", "@deno/linux-x64-glibc", "2.9.6", "deno", "PYWASM_DENO",
            List.of("run", "-A"), ".cjs", List.of("--snapshot-by-file", "--no-code-cache", "--no-wrapper-cache"),
            "console.log(JSON.stringify({engine: 'V8 ' + Deno.version.v8, name: 'Deno ' + Deno.version.deno}))");

    /** Bun 1: JavaScriptCore (WebKit's engine) under Zig; runs the node host's scripts as they are. */
    public static final JsEngine BUN = new JsEngine("bun", "@oven/bun-linux-x64", "1.4.4", "bin/bun", "PYWASM_BUN",
            List.of(), ".js", List.of("--no-code-cache", "--no-wrapper-cache"),
            "console.log(JSON.stringify({engine: 'JavaScriptCore (WebKit ' + process.versions.webkit + ')', name: 'Bun ' + Bun.version}))");

    public JsEngine {
        runPrefix = List.copyOf(runPrefix);
        poolArgs = List.copyOf(poolArgs);
    }
}
