/** The {@code pywasm-compat} command line (picocli): each command parses its options and calls the rooms below. */
package dev.pywasm.compat.cli;
