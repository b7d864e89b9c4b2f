/**
 * A suite: the catalog, probes and recorded expectations, and the claims sources they quote, laid out in
 * one directory ({@code suite.yaml}, {@code claims/}, {@code probes/}, {@code expectations/}) as the
 * project's own {@code suites/} is; {@code run --suite DIR} checks any such directory, and
 * {@code init-suite} writes a small working one to start from.
 */
package dev.pywasm.compat.suite;
