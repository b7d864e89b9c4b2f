"""The README's interactive shell (REPL terminal page): copy 'n paste and unicode input need a human at a terminal."""
from pywasm_probe import probe, skip


@probe
def interactive_shell():
    skip("needs keyboard and clipboard input into the REPL terminal page; nothing a headless probe can type or paste")
