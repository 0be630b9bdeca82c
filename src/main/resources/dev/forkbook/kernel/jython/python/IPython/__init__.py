"""Forkbook's stand-in for IPython: only IPython.display, rendered by the Forkbook kernel."""
