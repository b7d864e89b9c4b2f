package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyodideReleasesTest {

    static final List<String> VERSIONS = List.of("0.26.4", "0.27.0", "0.27.1", "0.28.0", "314.0.0-alpha.1",
            "314.0.0-alpha.2", "314.0.0", "314.0.1", "315.0.0-alpha.1");

    @TempDir
    Path cache;
    @TempDir
    Path bin;

    @Test
    void latestIsTheRegistrysDistTagAskedNowAndKeptWithItsTime() {
        FakeNpm npm = new FakeNpm(bin).answers("314.0.1", VERSIONS);
        List<String> said = new ArrayList<>();
        PyodideReleases.Resolved r = new PyodideReleases(cache, npm.path()).resolve("latest", said::add);
        assertThat(r.version()).isEqualTo("314.0.1");
        assertThat(r.how()).startsWith("latest: npm's latest dist-tag at 20");
        assertThat(said).containsExactly("latest Pyodide on npm: 314.0.1 (the registry's latest dist-tag)");
        assertThat(cache.resolve("pyodide/.releases.json")).content().contains("\"latest\" : \"314.0.1\"")
                .contains("askedAt");
    }

    @Test
    void aNamedReleaseIsNotLookedUp() {
        FakeNpm npm = new FakeNpm(bin).answers("314.0.1", VERSIONS);
        PyodideReleases.Resolved r = new PyodideReleases(cache, npm.path()).resolve("0.27.1", m -> { });
        assertThat(r).isEqualTo(new PyodideReleases.Resolved("0.27.1", null));
        assertThat(npm.calls()).isZero();
    }

    @Test
    void offlineLatestIsTheNewestCachedReleaseWithAWarning() {
        FakeNpm npm = new FakeNpm(bin).answers("314.0.1", VERSIONS);
        PyodideReleases releases = new PyodideReleases(cache, npm.path());
        releases.listing(m -> { });
        npm.offline();
        FakeNpm.installed(cache, "0.27.0");
        FakeNpm.installed(cache, "0.28.0");
        FakeNpm.installed(cache, "315.0.0-alpha.1");
        List<String> said = new ArrayList<>();
        PyodideReleases.Resolved r = releases.resolve("latest", said::add);
        assertThat(r.version()).isEqualTo("0.28.0");
        assertThat(r.how()).contains("registry was unreachable").contains("the registry said latest was 314.0.1");
        assertThat(said).singleElement().asString().startsWith("WARNING: cannot ask the npm registry")
                .contains("ENOTFOUND").contains("using the newest release in the cache, 0.28.0");
    }

    @Test
    void offlineWithNothingCachedSaysWhatToDo() {
        FakeNpm npm = new FakeNpm(bin).offline();
        assertThatThrownBy(() -> new PyodideReleases(cache, npm.path()).resolve("latest", m -> { }))
                .isInstanceOf(SetupException.class).hasMessageContaining("cannot resolve --pyodide latest")
                .hasMessageContaining("ENOTFOUND").hasMessageContaining("--pyodide VERSION");
        assertThatThrownBy(() -> new PyodideReleases(cache, npm.path()).listing(m -> { }))
                .isInstanceOf(SetupException.class).hasMessageContaining("cannot list the Pyodide releases");
    }

    @Test
    void offlineTheReleaseListIsTheKeptOneWithAWarning() {
        FakeNpm npm = new FakeNpm(bin).answers("314.0.1", VERSIONS);
        PyodideReleases releases = new PyodideReleases(cache, npm.path());
        releases.listing(m -> { });
        npm.offline();
        List<String> said = new ArrayList<>();
        PyodideReleases.Listing l = releases.listing(said::add);
        assertThat(l.versions()).isEqualTo(VERSIONS);
        assertThat(l.offline()).contains("ENOTFOUND");
        assertThat(said).singleElement().asString().startsWith("WARNING: the npm registry did not answer");
    }

    @Test
    void betweenListsReleasesInOrderWithoutPreReleasesUnlessAsked() {
        PyodideReleases.Listing l = new PyodideReleases.Listing("314.0.1", shuffled(), null, null);
        assertThat(PyodideReleases.between(l, "0.27.0", "314.0.1", false))
                .containsExactly("0.27.0", "0.27.1", "0.28.0", "314.0.0", "314.0.1");
        assertThat(PyodideReleases.between(l, "0.28.0", "314.0.0", true))
                .containsExactly("0.28.0", "314.0.0-alpha.1", "314.0.0-alpha.2", "314.0.0");
        assertThat(PyodideReleases.between(l, "314.0.0-alpha.2", "314.0.1", false))
                .containsExactly("314.0.0-alpha.2", "314.0.0", "314.0.1");
    }

    private static List<String> shuffled() {
        List<String> copy = new ArrayList<>(VERSIONS);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void badEndsNameTheFlag() {
        PyodideReleases.Listing l = new PyodideReleases.Listing("314.0.1", VERSIONS, null, null);
        assertThatThrownBy(() -> PyodideReleases.between(l, "0.27.9", "314.0.1", false))
                .hasMessageStartingWith("--from 0.27.9: no such Pyodide release on npm").hasMessageContaining("0.28.0");
        assertThatThrownBy(() -> PyodideReleases.between(l, "0.28.0", "0.27.0", false))
                .hasMessage("--from 0.28.0 must be an older release than --to 0.27.0");
    }

    @Test
    void versionsSortAsSemverPreReleasesBeforeTheirRelease() {
        List<String> sorted = new ArrayList<>(List.of("314.0.0", "0.29.5", "314.0.0-alpha.10", "0.27.10", "0.27.9",
                "314.0.0-alpha.2", "314.0.0-rc.1"));
        sorted.sort(PyodideReleases.ORDER);
        assertThat(sorted).containsExactly("0.27.9", "0.27.10", "0.29.5", "314.0.0-alpha.2", "314.0.0-alpha.10",
                "314.0.0-rc.1", "314.0.0");
    }

    @Test
    void twoProcessesNeverInstallOneReleaseAtOnce() throws Exception {
        // Another process holds the version's install lock: this one waits for it instead of installing too.
        Path lockFile = Files.createDirectories(cache.resolve("pyodide")).resolve(".lock-0.27.0");
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process other = LockHolder.hold(lockFile);
        Thread t;
        try {
            t = new Thread(() -> {
                try {
                    new PyodideNpm("0.27.0", cache, new FakeNpm(bin).offline().path()).prepare(said::add);
                } catch (RuntimeException expected) {
                    said.add("failed: " + expected.getMessage());
                }
            });
            t.start();
            t.join(1500);
            assertThat(t.isAlive()).as("the second install waits for the lock").isTrue();
            assertThat(said).anyMatch(s -> s.contains("waiting for another") && s.contains(".lock-0.27.0"));
            assertThat(said).noneMatch(s -> s.startsWith("Installing"));
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        t.join(30_000);
        // Then it installs (here with an npm that cannot, so it fails, after taking the lock).
        assertThat(said).anyMatch(s -> s.startsWith("Installing Pyodide 0.27.0"));
        assertThat(said).anyMatch(s -> s.startsWith("failed: "));
    }
}
