/**
 * The judge: a claim's prediction and an observation make a verdict. Pure, so every rule is tested
 * without a runtime or a host.
 */
package dev.pywasm.compat.judge;
