"""Observes which network-related stdlib modules are shipped (importable)."""
import importlib.util

from pywasm_probe import probe

NETWORK_MODULES = ("ftplib", "http.client", "http.server", "imaplib", "poplib", "smtplib",
                   "socketserver", "urllib.request", "wsgiref", "xmlrpc.client")


@probe
def network_modules():
    shipped = []
    for name in NETWORK_MODULES:
        try:
            if importlib.util.find_spec(name) is not None:
                shipped.append(name)
        except ImportError:
            pass
    return {"shipped": shipped}
