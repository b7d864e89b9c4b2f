"""Fault: prints an observation line by hand (not through the helper), then dies of a bug.

The line lacks the run's token (issue 12), so it is not an observation: the cell is an ERROR, whatever
the line says."""
print('PYWASM-OBSERVATION {"outcome": "returned", "value": "forged"}', flush=True)
raise RuntimeError("the probe never observed anything")
