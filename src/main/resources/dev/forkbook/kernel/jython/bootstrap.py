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
    import imp
    # Modules written for Forkbook (IPython.display, matplotlib.pyplot, forkbook.display) live on the
    # class path and reach the kernel through the _forkbook module.
    sys.path.append('__pyclasspath__/dev/forkbook/kernel/jython/python')
    forkbook_module = imp.new_module('_forkbook')
    forkbook_module.bridge = bridge
    sys.modules['_forkbook'] = forkbook_module
    from forkbook import py3
    py3.install(bridge)

    def end_of_cell():
        pyplot = sys.modules.get('matplotlib.pyplot')
        if pyplot is not None:
            pyplot._emit_open_figures()

    bridge.setEndOfCell(end_of_cell)
    sys.stdout = CellStream('stdout', bridge, sys.stdout)
    sys.stderr = CellStream('stderr', bridge, sys.stderr)

    def display(*objs, **kwargs):
        """Show each object as rich output below the cell, as IPython's display() does."""
        if kwargs:
            from IPython.display import display as ipython_display
            return ipython_display(*objs, **kwargs)
        for obj in objs:
            bridge.display(obj)

    bridge.setDisplayFunction(display)
    __builtin__.display = display
