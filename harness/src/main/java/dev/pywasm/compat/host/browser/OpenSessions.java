package dev.pywasm.compat.host.browser;

import dev.pywasm.compat.host.HostSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions a browser host has opened, closed together when the host closes (their lanes, pages,
 * servers and browser processes go with them). Safe to use from several threads.
 */
public final class OpenSessions {

    private final List<HostSession> sessions = new ArrayList<>();

    /** Remembers {@code session} for {@link #closeAll()} and returns it. */
    public <S extends HostSession> S add(S session) {
        synchronized (sessions) {
            sessions.add(session);
        }
        return session;
    }

    /** Closes every session opened so far, in the order they were opened. */
    public void closeAll() {
        synchronized (sessions) {
            sessions.forEach(HostSession::close);
            sessions.clear();
        }
    }
}
