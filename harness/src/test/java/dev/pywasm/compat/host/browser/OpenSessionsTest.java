package dev.pywasm.compat.host.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.probe.ProbeProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSessionsTest {

    @Test
    void closingAllClosesEachSessionOnceInTheOrderTheyOpened() {
        List<String> closed = new ArrayList<>();
        OpenSessions open = new OpenSessions();
        HostSession a = open.add(session("a", closed));
        open.add(session("b", closed));
        assertThat(a).isNotNull();
        open.closeAll();
        open.closeAll();
        assertThat(closed).containsExactly("a", "b");
    }

    private static HostSession session(String name, List<String> closed) {
        return new HostSession() {
            @Override
            public RawRun run(ProbeProgram program, Limits limits) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }
}
