"""Observes importing readline and a minimal use (history)."""
from pywasm_probe import module, probe, under_test


@probe
def readline_module():
    readline = module("readline")
    with under_test('readline.add_history'):
        readline.add_history("pywasm")
        return {"history_length": readline.get_current_history_length()}
