/**
 * The JUnit face of the catalog: its integrity checks (surefire), every claim on real hosts and
 * runtimes as one dynamic test per cell (failsafe), and what those tests tell Allure.
 */
package dev.pywasm.compat.suites;
