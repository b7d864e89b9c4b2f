package dev.pywasm.compat.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pywasm.compat.run.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import picocli.CommandLine;

/**
 * Checks the files that run a sharded nightly on an engine this project cannot run (README "Running at scale"): the
 * GitHub Actions matrix workflow and the Kubernetes Indexed Job. Each check reads the file's text as YAML and returns
 * its problems, one line each naming the file and the entry (empty: none), so that a test can show both that the
 * files in the repository pass and that a broken copy fails. Every {@code ./pywasm-compat} command line is parsed with
 * the harness's own command line ({@link ReadmeCommands#parse}) once per shard index, the engine's placeholder for
 * the index replaced with it, so an unknown option or a {@code --shard} that is not the engine's index over the shard
 * count is a problem.
 */
final class EngineFiles {

    static final String WORKFLOW = ".github/workflows/nightly-sharded.yml";
    static final String K8S_SHARDS = "deploy/k8s/shards-job.yaml";
    static final String K8S_MERGE = "deploy/k8s/merge-job.yaml";
    static final String K8S_PVC = "deploy/k8s/results-pvc.yaml";

    /** The workflow's placeholder for the shard index, and the shard count's environment variable. */
    static final String MATRIX_SHARD = "${{ matrix.shard }}";
    /** The Kubernetes Indexed Job's placeholder for the pod's index (expanded from the variable it sets). */
    static final String COMPLETION_INDEX = "$(JOB_COMPLETION_INDEX)";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EngineFiles() {
    }

    static String read(Path home, String file) {
        try {
            return Files.readString(home.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The problems of the workflow's text (the shard count is its {@code env.SHARDS}). */
    static List<String> workflow(String text) {
        Problems p = new Problems(WORKFLOW);
        JsonNode root = p.yaml(text);
        if (root == null) {
            return p.list;
        }
        int n = root.path("env").path("SHARDS").asInt(-1);
        if (n < 1) {
            return p.add("env.SHARDS: the shard count, a number from 1, got " + root.path("env").path("SHARDS"));
        }
        JsonNode shardJob = root.path("jobs").path("shard");
        List<Integer> matrix = StreamSupport.stream(shardJob.path("strategy").path("matrix").path("shard").spliterator(),
                false).map(v -> v.isInt() ? v.asInt() : -1).toList();
        if (!matrix.equals(IntStream.range(0, n).boxed().toList())) {
            p.add("jobs.shard.strategy.matrix.shard: " + matrix + ", not 0.." + (n - 1) + " (env.SHARDS is " + n + ")");
        }
        Function<Integer, Function<String, String>> substitute = i -> s -> s.replace(MATRIX_SHARD, String.valueOf(i))
                .replace("${{ env.SHARDS }}", String.valueOf(n)).replace("${SHARDS}", String.valueOf(n))
                .replace("$SHARDS", String.valueOf(n));
        List<String> shardLines = runLines(shardJob);
        for (int i = 0; i < n; i++) {
            List<CommandLine.ParseResult> parsed = p.parseAll("jobs.shard", shardLines, substitute.apply(i));
            List<CommandLine.ParseResult> runs = subcommands(parsed, "run");
            List<CommandLine.ParseResult> servers = subcommands(parsed, "browser-server");
            if (runs.isEmpty()) {
                p.add("jobs.shard: no ./pywasm-compat run line");
            }
            for (CommandLine.ParseResult run : runs) {
                p.checkShard("jobs.shard", run, i, n, "out/shard-" + i);
                p.checkServer("jobs.shard", run, servers);
            }
        }
        boolean uploads = steps(shardJob).stream().anyMatch(s -> s.path("uses").asText().startsWith("actions/upload-artifact")
                && s.path("with").path("path").asText().equals("out/shard-" + MATRIX_SHARD));
        if (!uploads) {
            p.add("jobs.shard: no actions/upload-artifact step with path out/shard-" + MATRIX_SHARD);
        }
        JsonNode merge = root.path("jobs").path("merge");
        List<String> needs = merge.path("needs").isArray()
                ? StreamSupport.stream(merge.path("needs").spliterator(), false).map(JsonNode::asText).toList()
                : List.of(merge.path("needs").asText());
        if (!needs.contains("shard")) {
            p.add("jobs.merge.needs: " + needs + " does not name the shard job");
        }
        if (!merge.path("if").asText().contains("always()")) {
            p.add("jobs.merge.if: not always() (the merge must run, and report, when a shard's verdicts differ)");
        }
        List<CommandLine.ParseResult> merges = subcommands(p.parseAll("jobs.merge", runLines(merge), s -> s), "merge");
        p.checkMerge("jobs.merge", merges, n, "out/shard-", "out/merged");
        List<String> others = new ArrayList<>();
        root.path("jobs").fieldNames().forEachRemaining(name -> {
            if (!name.equals("shard") && !name.equals("merge")) {
                others.add(name);
            }
        });
        for (String name : others) {
            p.parseAll("jobs." + name, runLines(root.path("jobs").path(name)), s -> s);
        }
        return p.list;
    }

    /** The problems of the Indexed Job and the merge Job (the shard count is the Indexed Job's {@code completions}). */
    static List<String> kubernetes(String shardsJob, String mergeJob, String pvc) {
        Problems p = new Problems(K8S_SHARDS);
        JsonNode job = p.yaml(shardsJob);
        JsonNode claim = new Problems(K8S_PVC).yaml(pvc);
        if (job == null) {
            return p.list;
        }
        JsonNode spec = job.path("spec");
        if (!job.path("kind").asText().equals("Job") || !spec.path("completionMode").asText().equals("Indexed")) {
            p.add("not a Job with spec.completionMode: Indexed (kind " + job.path("kind") + ", completionMode "
                    + spec.path("completionMode") + ")");
        }
        int n = spec.path("completions").asInt(-1);
        if (n < 1 || spec.path("parallelism").asInt(-1) != n) {
            p.add("spec.completions (" + spec.path("completions") + ") and spec.parallelism (" + spec.path("parallelism")
                    + ") must be the same shard count");
        }
        JsonNode pod = spec.path("template").path("spec");
        List<JsonNode> sidecars = list(pod.path("initContainers")).stream()
                .filter(c -> c.path("restartPolicy").asText().equals("Always")).toList();
        if (sidecars.isEmpty()) {
            p.add("spec.template.spec.initContainers: no native sidecar (restartPolicy: Always) for the browser server");
        }
        String claimName = claim == null ? "" : claim.path("metadata").path("name").asText();
        for (int i = 0; i < Math.max(n, 1); i++) {
            String index = String.valueOf(i);
            List<CommandLine.ParseResult> servers = new ArrayList<>();
            for (JsonNode sidecar : sidecars) {
                servers.addAll(subcommands(p.parseAll("initContainers " + sidecar.path("name").asText(),
                        List.of(String.join(" ", words(sidecar))), s -> s.replace(COMPLETION_INDEX, index)), "browser-server"));
            }
            List<JsonNode> containers = list(pod.path("containers"));
            List<CommandLine.ParseResult> runs = new ArrayList<>();
            for (JsonNode c : containers) {
                runs.addAll(subcommands(p.parseAll("containers " + c.path("name").asText(), List.of(String.join(" ", words(c))),
                        s -> s.replace(COMPLETION_INDEX, index)), "run"));
            }
            if (runs.isEmpty()) {
                p.add("spec.template.spec.containers: no ./pywasm-compat run container");
            }
            for (CommandLine.ParseResult run : runs) {
                p.checkShard("containers", run, i, n, "/results/shard-" + i);
                p.checkServer("containers", run, servers);
            }
        }
        p.checkClaim("spec.template.spec.volumes", pod, claimName);
        Problems m = new Problems(K8S_MERGE);
        JsonNode merge = m.yaml(mergeJob);
        if (merge != null) {
            JsonNode mergePod = merge.path("spec").path("template").path("spec");
            List<CommandLine.ParseResult> merges = new ArrayList<>();
            for (JsonNode c : list(mergePod.path("containers"))) {
                merges.addAll(subcommands(m.parseAll("containers " + c.path("name").asText(),
                        List.of(String.join(" ", words(c))), s -> s), "merge"));
            }
            m.checkMerge("containers", merges, n, "/results/shard-", "/results/merged");
            m.checkClaim("spec.template.spec.volumes", mergePod, claimName);
        }
        p.list.addAll(m.list);
        return p.list;
    }

    /** A container's command and args as one command line. */
    private static List<String> words(JsonNode container) {
        List<String> words = new ArrayList<>();
        list(container.path("command")).forEach(w -> words.add(w.asText()));
        list(container.path("args")).forEach(w -> words.add(w.asText()));
        return words;
    }

    private static List<JsonNode> steps(JsonNode job) {
        return list(job.path("steps"));
    }

    /** The command lines of a workflow job's {@code run:} steps. */
    private static List<String> runLines(JsonNode job) {
        List<String> lines = new ArrayList<>();
        for (JsonNode step : steps(job)) {
            if (step.has("run")) {
                lines.addAll(ReadmeCommands.commands(step.path("run").asText().lines().toList()));
            }
        }
        return lines;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<CommandLine.ParseResult> subcommands(List<CommandLine.ParseResult> parsed, String name) {
        return parsed.stream().filter(r -> r.subcommand() != null && r.subcommand().commandSpec().name().equals(name))
                .map(CommandLine.ParseResult::subcommand).toList();
    }

    /** One file's problems. */
    private static final class Problems {
        final String file;
        final List<String> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        List<String> add(String problem) {
            String line = file + ": " + problem;
            if (!list.contains(line)) {
                list.add(line);
            }
            return list;
        }

        JsonNode yaml(String text) {
            try {
                JsonNode root = YAML.readTree(text);
                if (root == null || !root.isObject()) {
                    add("not a YAML mapping");
                    return null;
                }
                return root;
            } catch (IOException e) {
                add("not YAML: " + e.getMessage().lines().findFirst().orElse(""));
                return null;
            }
        }

        /** Parses each {@code ./pywasm-compat} line, placeholders substituted; a line that does not parse is a problem. */
        List<CommandLine.ParseResult> parseAll(String where, List<String> lines, Function<String, String> substitute) {
            List<CommandLine.ParseResult> parsed = new ArrayList<>();
            for (String line : lines) {
                String command = substitute.apply(line);
                if (!command.startsWith("./pywasm-compat ")) {
                    continue;
                }
                try {
                    parsed.add(ReadmeCommands.parse(ReadmeCommands.args(command)));
                } catch (CommandLine.ParameterException e) {
                    add(where + ": " + command + ": " + e.getMessage());
                }
            }
            return parsed;
        }

        void checkShard(String where, CommandLine.ParseResult run, int index, int n, String out) {
            String value = run.matchedOptionValue("--shard", (String) null);
            try {
                Shard shard = value == null ? Shard.ALL : Shard.parse(value, "--shard");
                if (!shard.equals(new Shard(index, n))) {
                    add(where + ": shard " + index + " runs --shard " + value + ", not " + index + "/" + n);
                }
            } catch (IllegalArgumentException e) {
                add(where + ": " + e.getMessage());
            }
            Object dir = run.matchedOptionValue("--out", (Object) null);
            if (dir == null || !dir.toString().equals(out)) {
                add(where + ": shard " + index + " writes --out " + dir + ", not " + out);
            }
        }

        /** The run's {@code --browser-server chromium=URL} is the URL one of {@code servers} serves. */
        void checkServer(String where, CommandLine.ParseResult run, List<CommandLine.ParseResult> servers) {
            Map<String, String> urls = run.matchedOptionValue("--browser-server", Map.<String, String>of());
            for (Map.Entry<String, String> e : urls.entrySet()) {
                boolean served = servers.stream().anyMatch(s -> s.matchedOptionValue("--browser", "chromium").equals(e.getKey())
                        && e.getValue().equals("ws://127.0.0.1:" + s.matchedOptionValue("--port", 0)
                                + s.matchedOptionValue("--ws-path", "")));
                if (!served) {
                    add(where + ": --browser-server " + e.getKey() + "=" + e.getValue()
                            + " is no ./pywasm-compat browser-server of the job (its --browser, --port and --ws-path)");
                }
            }
        }

        void checkMerge(String where, List<CommandLine.ParseResult> merges, int n, String prefix, String out) {
            List<String> expected = IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
            if (merges.isEmpty()) {
                add(where + ": no ./pywasm-compat merge line");
            }
            for (CommandLine.ParseResult merge : merges) {
                List<String> dirs = merge.matchedPositionalValue(0, List.<Path>of()).stream().map(Path::toString).toList();
                if (!dirs.equals(expected)) {
                    add(where + ": merge lists " + dirs + ", not every shard's output " + expected);
                }
                Object dir = merge.matchedOptionValue("--out", (Object) null);
                if (dir == null || !dir.toString().equals(out)) {
                    add(where + ": merge writes --out " + dir + ", not " + out);
                }
            }
        }

        void checkClaim(String where, JsonNode pod, String claimName) {
            boolean mounted = list(pod.path("volumes")).stream()
                    .anyMatch(v -> v.path("persistentVolumeClaim").path("claimName").asText().equals(claimName));
            if (claimName.isEmpty() || !mounted) {
                add(where + ": no persistentVolumeClaim '" + claimName + "' (" + K8S_PVC + "'s metadata.name)");
            }
        }
    }
}
