# Installed once per JVM by JythonRuntime: per-execution output capture and the display builtin.
# Everything here routes through the Java KernelBridge to the execution bound to the calling thread.
import sys
import __builtin__


class CellStream(object):
    """A file-like sys.stdout/sys.stderr that records text for the running execution."""

    def __init__(self, name, bridge, original):
        self.name = name
        self._bridge = bridge
        self._original = original
        self.softspace = 0
        self.encoding = 'utf-8'
        self.errors = 'strict'
        self.closed = False

    def write(self, text):
        if not self._bridge.write(self.name, text):
            self._original.write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False


def install(bridge):
    sys.stdout = CellStream('stdout', bridge, sys.stdout)
    sys.stderr = CellStream('stderr', bridge, sys.stderr)

    def display(*objs, **kwargs):
        """Show each object as rich output below the cell, as IPython's display() does."""
        for obj in objs:
            bridge.display(obj)

    bridge.setDisplayFunction(display)
    __builtin__.display = display
