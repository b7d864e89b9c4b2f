/**
 * What every browser host shares, whatever drives the browser (Playwright, WebDriver): the
 * {@link dev.pywasm.compat.host.browser.LanePool} of browsers a session's concurrent callers borrow, and the
 * {@link dev.pywasm.compat.host.browser.Attachments} that keep a failed run's screenshot and log.
 */
package dev.pywasm.compat.host.browser;
