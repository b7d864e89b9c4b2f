package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.run.Layout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine files of README "Running at scale" (the GitHub Actions matrix workflow, the Kubernetes Indexed Job and
 * its merge Job) are well-formed, shard the run as the harness does, and use only the harness's real commands and
 * options (see {@link EngineFiles}). Neither engine runs here; {@code ScaleOutIT} runs the same commands on one
 * machine. Each check is shown to fail on a broken copy of the real file.
 */
class EngineFilesTest {

    private static final Path HOME = Layout.defaults().home();
    private final String workflow = EngineFiles.read(HOME, EngineFiles.WORKFLOW);
    private final String shards = EngineFiles.read(HOME, EngineFiles.K8S_SHARDS);
    private final String merge = EngineFiles.read(HOME, EngineFiles.K8S_MERGE);
    private final String pvc = EngineFiles.read(HOME, EngineFiles.K8S_PVC);

    @Test
    void theWorkflowRunsOneJobPerShardAndMergesThemAll() {
        assertThat(EngineFiles.workflow(workflow)).isEmpty();
        assertThat(workflow).contains("--shard ${{ matrix.shard }}/$SHARDS", "--resume");
    }

    @Test
    void theIndexedJobRunsOneShardPerIndexBesideABrowserServerAndTheMergeJobMergesThemAll() {
        assertThat(EngineFiles.kubernetes(shards, merge, pvc)).isEmpty();
        assertThat(shards).contains("$(JOB_COMPLETION_INDEX)/4");
    }

    @Test
    void aWorkflowWhoseShardCountDisagreesFails() {
        assertThat(EngineFiles.workflow(workflow.replace("SHARDS: 4", "SHARDS: 3")))
                .anyMatch(p -> p.contains("matrix.shard: [0, 1, 2, 3], not 0..2"))
                .anyMatch(p -> p.contains("merge lists [out/shard-0, out/shard-1, out/shard-2, out/shard-3], not every shard's"));
        assertThat(EngineFiles.workflow(workflow.replace("shard: [0, 1, 2, 3]", "shard: [0, 1, 3]")))
                .anyMatch(p -> p.contains("matrix.shard: [0, 1, 3], not 0..3"));
        assertThat(EngineFiles.workflow(workflow.replace("--shard ${{ matrix.shard }}/$SHARDS", "--shard 0/$SHARDS")))
                .anyMatch(p -> p.contains("shard 1 runs --shard 0/4, not 1/4"));
        assertThat(EngineFiles.workflow(workflow.replace(" out/shard-3 --out out/merged", " --out out/merged")))
                .anyMatch(p -> p.contains("merge lists [out/shard-0, out/shard-1, out/shard-2], not every shard's output"));
    }

    @Test
    void aWorkflowWithAnUnknownOptionOrAServerItDoesNotStartFails() {
        assertThat(EngineFiles.workflow(workflow.replace("--matrix nightly --shard", "--matrixx nightly --shard")))
                .anyMatch(p -> p.contains("jobs.shard: ./pywasm-compat run --matrixx nightly") && p.contains("Unknown option"));
        assertThat(EngineFiles.workflow(workflow.replace("--port 9300", "--port 9301")))
                .anyMatch(p -> p.contains("--browser-server chromium=ws://127.0.0.1:9300/pywasm is no ./pywasm-compat browser-server"));
        assertThat(EngineFiles.workflow(workflow.replace("needs: shard", "needs: []")))
                .anyMatch(p -> p.contains("jobs.merge.needs: [] does not name the shard job"));
        assertThat(EngineFiles.workflow(workflow.replace("jobs:", "jobs: [")))
                .singleElement().asString().startsWith(EngineFiles.WORKFLOW + ": not YAML");
    }

    @Test
    void anIndexedJobWhoseCountsOrServerDisagreeFails() {
        assertThat(EngineFiles.kubernetes(shards.replace("parallelism: 4", "parallelism: 3"), merge, pvc))
                .anyMatch(p -> p.contains("spec.completions (4) and spec.parallelism (3) must be the same"));
        assertThat(EngineFiles.kubernetes(shards.replace("completions: 4", "completions: 5").replace("parallelism: 4",
                "parallelism: 5"), merge, pvc))
                .anyMatch(p -> p.contains("shard 0 runs --shard 0/4, not 0/5"))
                .anyMatch(p -> p.contains("merge lists [/results/shard-0, /results/shard-1, /results/shard-2, /results/shard-3], "
                        + "not every shard's output"));
        assertThat(EngineFiles.kubernetes(shards.replace("completionMode: Indexed", "completionMode: NonIndexed"), merge, pvc))
                .anyMatch(p -> p.contains("not a Job with spec.completionMode: Indexed"));
        assertThat(EngineFiles.kubernetes(shards.replace("--ws-path, /pywasm", "--ws-path, /other"), merge, pvc))
                .anyMatch(p -> p.contains("is no ./pywasm-compat browser-server of the job"));
        assertThat(EngineFiles.kubernetes(shards.replace("          restartPolicy: Always\n", ""), merge, pvc))
                .anyMatch(p -> p.contains("no native sidecar (restartPolicy: Always)"));
        assertThat(EngineFiles.kubernetes(shards.replace("\"$(JOB_COMPLETION_INDEX)/4\"", "\"1/4\""), merge, pvc))
                .anyMatch(p -> p.contains("shard 0 runs --shard 1/4, not 0/4"));
    }

    @Test
    void kubernetesFilesWithAnUnknownOptionOrAnotherVolumeFail() {
        assertThat(EngineFiles.kubernetes(shards.replace("--browser-server,", "--browser-servers,"), merge, pvc))
                .anyMatch(p -> p.contains("Unknown option") && p.contains("--browser-servers"));
        assertThat(EngineFiles.kubernetes(shards, merge.replace("--out, /results/merged", "--output, /results/merged"), pvc))
                .anyMatch(p -> p.startsWith(EngineFiles.K8S_MERGE) && p.contains("--output"));
        assertThat(EngineFiles.kubernetes(shards, merge, pvc.replace("name: pywasm-compat-results", "name: other")))
                .anyMatch(p -> p.contains("no persistentVolumeClaim 'other'"));
    }

    @Test
    void shellLinesAreCutAtTheirOperatorsAndContinuationsJoined() {
        assertThat(ReadmeCommands.args("./pywasm-compat browser-server --port 9300 > log 2>&1 &"))
                .containsExactly("browser-server", "--port", "9300");
        assertThat(ReadmeCommands.commands(List.of("  # a comment", "./pywasm-compat run \\", "  --out x  # where", "")))
                .containsExactly("./pywasm-compat run --out x");
    }
}
