"""Forkbook's own Python helpers."""
