/**
 * The browser hosts on the shared probe page (a {@link dev.pywasm.compat.host.chromium.PageLane} per browser,
 * whatever drives it): Firefox over WebDriver BiDi through Playwright's browser server, WebKitGTK over W3C
 * WebDriver through Selenium on a virtual display, and Chromium through Playwright: the browser's install and launch, the loopback server in its three
 * serving modes (the host ids {@code chromium}, {@code chromium-plain}, {@code chromium-badmime}), Pyodide
 * in fresh Web Workers of long-lived pages, and CPython's own browser build in a fresh page per probe.
 */
package dev.pywasm.compat.host.chromium;
