"""The README's Apache .htaccess recipe for serving python.wasm."""
from pywasm_probe import probe, skip


@probe
def apache_htaccess():
    skip("an Apache deployment instruction; the harness serves pages with its own server, and what its headers and MIME types change is checked by hosting.sab-needs-isolation and hosting.server-headers")
