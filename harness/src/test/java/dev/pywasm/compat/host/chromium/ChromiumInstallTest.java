package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ChromiumInstallTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void anExplicitPathThatIsNoProgramSaysWhatToDo() {
        assertThatThrownBy(() -> ChromiumInstall.locate("/no/such/chromium", QUIET))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("/no/such/chromium")
                .hasMessageContaining("Chromium or Chrome binary");
    }

    @Test
    void sandboxIsDroppedOnlyForRoot() {
        assertThat(ChromiumInstall.args()).contains("--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-gpu", "--no-first-run");
        assertThat(ChromiumInstall.args().contains("--no-sandbox")).isEqualTo(ChromiumInstall.isRoot());
    }

    @Test
    void isRootMatchesTheProcessOwner() {
        assertThat(ChromiumInstall.isRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
