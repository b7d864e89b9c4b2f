"""Fault: prints an observation line by hand (not through the helper), then dies of a bug.

Without a per-run token the forged line is taken for the observation (HOLDS); with one (issue 12)
it is not an observation, and the run is an ERROR."""
print('PYWASM-OBSERVATION {"outcome": "returned", "value": "forged"}', flush=True)
raise RuntimeError("the probe never observed anything")
