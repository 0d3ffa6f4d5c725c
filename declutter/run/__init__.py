"""Runners: many inputs on this machine (batch.py, outputs.py) or on a cluster (cluster.py)."""
