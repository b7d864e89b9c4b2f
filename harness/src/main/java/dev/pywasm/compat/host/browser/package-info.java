/**
 * What every browser host shares, whatever drives the browser (Playwright, WebDriver): the
 * {@link dev.pywasm.compat.host.browser.LanePool} of browsers a session's concurrent callers borrow, and the
 * {@link dev.pywasm.compat.host.browser.Attachments} that keep a failed run's screenshot and log, the Debian
 * install of a browser ({@link dev.pywasm.compat.host.browser.AptBrowser}) and a virtual display of one's own
 * ({@link dev.pywasm.compat.host.browser.Xvfb}).
 */
package dev.pywasm.compat.host.browser;
