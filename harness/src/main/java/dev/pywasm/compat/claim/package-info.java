/**
 * The catalog: {@link dev.pywasm.compat.claim.Claim}s (a quoted README statement, the hosts it is about, its
 * probe, what it predicts) loaded and validated from YAML, and the check that the quotes are the
 * README's words and cover it. The host ids it accepts are given to it (the host registry's); it
 * knows no host.
 */
package dev.pywasm.compat.claim;
