package dev.pywasm.compat.host.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.host.chromium.FirefoxHost;
import dev.pywasm.compat.host.chromium.WebKitHost;
import dev.pywasm.compat.runtime.SetupException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A browser that is not there (and may not be installed) is one error naming the package to install. */
class AptBrowserTest {

    @TempDir
    Path dir;

    private AptBrowser missing(AptBrowser real) {
        return new AptBrowser(real.what(), "PYWASM_UNSET_FOR_TEST", List.of(dir.resolve("none")), real.packages());
    }

    @Test
    void aMissingFirefoxNamesItsDebianPackage() {
        assertThatThrownBy(() -> missing(FirefoxHost.FIREFOX).locate(null, "--firefox", System.err, false))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("Firefox not found")
                .hasMessageContaining("sudo apt-get install -y firefox-esr")
                .hasMessageContaining("--firefox");
    }

    @Test
    void aMissingWebKitNamesTheDriverAndTheDisplay() {
        assertThatThrownBy(() -> missing(WebKitHost.WEBKIT).locate(null, "--webkit", System.err, false))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("sudo apt-get install -y webkit2gtk-driver xvfb");
        assertThatThrownBy(() -> missing(Xvfb.XVFB).locate(null, "PYWASM_XVFB", System.err, false))
                .hasMessageContaining("sudo apt-get install -y xvfb");
    }

    @Test
    void aNamedBinaryThatIsNotThereNamesTheFlag() {
        assertThatThrownBy(() -> FirefoxHost.FIREFOX.locate(dir.resolve("ff").toString(), "--firefox", System.err, false))
                .hasMessage("Firefox '" + dir.resolve("ff") + "' (from --firefox) is not an executable file");
    }

    @Test
    void aDisplayThatDoesNotComeUpSaysWhatToInstall() {
        assertThatThrownBy(() -> Xvfb.start(Path.of("/bin/false"), dir))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("Xvfb (/bin/false) did not start a display")
                .hasMessageEndingWith("WebKit needs a display: install apt-get install -y xvfb");
    }

    @Test
    void theWellKnownPathIsFoundWithoutInstalling() {
        AptBrowser sh = new AptBrowser("sh", "PYWASM_UNSET_FOR_TEST", List.of(dir.resolve("none"), Path.of("/bin/sh")),
                List.of("dash"));
        assertThat(sh.locate(null, "--sh", System.err, false)).isEqualTo(Path.of("/bin/sh"));
    }
}
