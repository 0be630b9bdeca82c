"""Forkbook's stand-in for nose: only nose.tools, the asserts exercise notebooks import."""
