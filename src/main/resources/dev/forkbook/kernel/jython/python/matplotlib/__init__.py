"""Forkbook's stand-in for matplotlib: only a pyplot subset, drawn with XChart on the JVM."""


def use(backend, *args, **kwargs):
    """Accepted and ignored: Forkbook has one backend."""
