"""A matplotlib.pyplot subset drawn with XChart, so common snippets run unchanged in Forkbook.

Supported: figure, plot, scatter, bar, hist, title, xlabel, ylabel, legend, xlim, ylim, grid,
subplots (one axes), savefig, show, close, gcf, gca. Figures still open when a cell ends are shown
automatically; show() shows them at once. Anything else raises NotImplementedError naming the call.
"""
from __future__ import division

import base64
import sys
import types

import _forkbook
import jarray
from java.awt import Color
from java.io import FileOutputStream
from org.knowm.xchart import CategoryChartBuilder, XYChartBuilder
from java.lang import Class, Enum
from org.knowm.xchart.style.markers import SeriesMarkers
from org.knowm.xchart.style.lines import SeriesLines
from org.python.core.util import StringUtil
from dev.forkbook.kernel.jython import JavaObjectMimes

SUPPORTED = ('figure', 'plot', 'scatter', 'bar', 'hist', 'title', 'xlabel', 'ylabel', 'legend',
             'xlim', 'ylim', 'grid', 'subplots', 'savefig', 'show', 'close', 'gcf', 'gca')
_SERIES_KEYWORDS = frozenset(['label', 'color', 'c', 'linestyle', 'ls', 'marker', 'linewidth',
                              'lw', 'alpha', 'markersize', 'ms', 's', 'width', 'bins'])
_COLORS = {'b': '#1f77b4', 'blue': '#1f77b4', 'g': '#2ca02c', 'green': '#2ca02c',
           'r': '#d62728', 'red': '#d62728', 'c': '#17becf', 'cyan': '#17becf',
           'm': '#e377c2', 'magenta': '#e377c2', 'y': '#bcbd22', 'yellow': '#bcbd22',
           'k': '#000000', 'black': '#000000', 'w': '#ffffff', 'white': '#ffffff',
           'orange': '#ff7f0e', 'purple': '#9467bd', 'gray': '#7f7f7f', 'grey': '#7f7f7f'}
_MARKERS = {'o': SeriesMarkers.CIRCLE, '.': SeriesMarkers.CIRCLE, 's': SeriesMarkers.SQUARE,
            '^': SeriesMarkers.TRIANGLE_UP, 'v': SeriesMarkers.TRIANGLE_DOWN,
            'D': SeriesMarkers.DIAMOND, 'd': SeriesMarkers.DIAMOND, '+': SeriesMarkers.CROSS,
            'x': SeriesMarkers.CROSS}
_LINES = {'-': SeriesLines.SOLID, '--': SeriesLines.DASH_DASH, ':': SeriesLines.DOT_DOT,
          '-.': SeriesLines.DASH_DOT}

_figures = {}
# A nested enum that Jython's import cannot reach by name (XYSeries has a member of that name).
_SCATTER = Enum.valueOf(Class.forName('org.knowm.xchart.XYSeries$XYSeriesRenderStyle'), 'Scatter')


def _unsupported(what):
    raise NotImplementedError("%s is not supported by Forkbook's pyplot (it draws with XChart); "
                              "supported: %s" % (what, ', '.join(SUPPORTED)))


def _check_keywords(call, kwargs):
    unknown = sorted(set(kwargs) - _SERIES_KEYWORDS)
    if unknown:
        _unsupported('%s(%s=...)' % (call, unknown[0]))


def _parse_format(fmt):
    style = {}
    for name in sorted(_LINES, key=len, reverse=True):
        if name in fmt:
            style['linestyle'] = name
            fmt = fmt.replace(name, '', 1)
            break
    for char in fmt:
        if char in _MARKERS:
            style['marker'] = char
        elif char in _COLORS:
            style['color'] = char
        else:
            raise ValueError('unrecognized format string character %r' % char)
    return style


def _bytes(java_bytes):
    """A Java byte[] as a Python byte string."""
    return StringUtil.fromBytes(java_bytes).encode('latin-1')


def _numbers(values, what):
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError):
        raise TypeError('%s must be numbers' % what)


class Axes(object):
    """The one axes of a figure; methods mirror matplotlib's Axes."""

    def __init__(self, figure):
        self.figure = figure

    def plot(self, *args, **kwargs):
        _check_keywords('plot', kwargs)
        args = list(args)
        style = {}
        if args and isinstance(args[-1], basestring):
            style = _parse_format(args.pop())
        if len(args) == 1:
            ys = _numbers(args[0], 'y')
            xs = [float(i) for i in range(len(ys))]
        elif len(args) == 2:
            xs, ys = _numbers(args[0], 'x'), _numbers(args[1], 'y')
        else:
            _unsupported('plot() with %d positional data arguments' % len(args))
        style.update(kwargs)
        self.figure._add('line', xs, ys, style)
        return []

    def scatter(self, x, y, **kwargs):
        _check_keywords('scatter', kwargs)
        self.figure._add('scatter', _numbers(x, 'x'), _numbers(y, 'y'), kwargs)

    def bar(self, x, height, **kwargs):
        _check_keywords('bar', kwargs)
        self.figure._add('bar', [unicode(v) for v in x], _numbers(height, 'height'), kwargs)

    def hist(self, values, bins=10, **kwargs):
        _check_keywords('hist', kwargs)
        data = _numbers(values, 'values')
        if not data:
            raise ValueError('hist() needs at least one value')
        low, high = min(data), max(data)
        width = (high - low) / bins if high > low else 1.0
        counts = [0] * bins
        for value in data:
            index = min(int((value - low) / width), bins - 1)
            counts[index] += 1
        edges = [low + i * width for i in range(bins + 1)]
        self.figure._add('bar', ['%.3g' % edge for edge in edges[:-1]], [float(c) for c in counts],
                         dict(kwargs, hist=True))
        return counts, edges, None

    def set_title(self, text, **kwargs):
        self.figure.title_text = unicode(text)

    def set_xlabel(self, text, **kwargs):
        self.figure.x_label = unicode(text)

    def set_ylabel(self, text, **kwargs):
        self.figure.y_label = unicode(text)

    def set_xlim(self, left=None, right=None):
        if isinstance(left, (tuple, list)):
            left, right = left
        self.figure.x_limits = (left, right)

    def set_ylim(self, bottom=None, top=None):
        if isinstance(bottom, (tuple, list)):
            bottom, top = bottom
        self.figure.y_limits = (bottom, top)

    def legend(self, *args, **kwargs):
        self.figure.show_legend = True

    def grid(self, visible=True, *args, **kwargs):
        self.figure.show_grid = bool(visible)

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        _unsupported('Axes.%s' % name)


class Figure(object):
    """A figure: its series and labels, drawn with XChart when shown or saved."""

    def __init__(self, figsize=None):
        width, height = figsize or (6.4, 4.8)
        self.size = (int(width * 100), int(height * 100))
        self.series = []
        self.title_text = None
        self.x_label = None
        self.y_label = None
        self.x_limits = None
        self.y_limits = None
        self.show_legend = False
        self.show_grid = True
        self.axes = Axes(self)

    def _add(self, kind, xs, ys, style):
        if len(xs) != len(ys):
            raise ValueError('x and y must have the same length, not %d and %d' % (len(xs), len(ys)))
        kinds = set(series[0] for series in self.series) | set([kind])
        if 'bar' in kinds and len(kinds) > 1:
            _unsupported('mixing bar or hist with plot or scatter in one figure')
        self.series.append((kind, xs, ys, style))

    def gca(self):
        return self.axes

    def add_subplot(self, *args, **kwargs):
        if args and args not in ((1, 1, 1), (111,)):
            _unsupported('add_subplot(%s)' % ', '.join(str(a) for a in args))
        return self.axes

    def _chart(self):
        width, height = self.size
        bars = any(series[0] == 'bar' for series in self.series)
        builder = CategoryChartBuilder() if bars else XYChartBuilder()
        chart = builder.width(width).height(height).build()
        if self.title_text:
            chart.setTitle(self.title_text)
        if self.x_label:
            chart.setXAxisTitle(self.x_label)
        if self.y_label:
            chart.setYAxisTitle(self.y_label)
        styler = chart.getStyler()
        styler.setLegendVisible(self.show_legend)
        styler.setPlotGridLinesVisible(self.show_grid)
        styler.setChartBackgroundColor(Color.WHITE)
        if self.x_limits and not bars:
            if self.x_limits[0] is not None:
                styler.setXAxisMin(float(self.x_limits[0]))
            if self.x_limits[1] is not None:
                styler.setXAxisMax(float(self.x_limits[1]))
        if self.y_limits:
            if self.y_limits[0] is not None:
                styler.setYAxisMin(float(self.y_limits[0]))
            if self.y_limits[1] is not None:
                styler.setYAxisMax(float(self.y_limits[1]))
        for number, (kind, xs, ys, style) in enumerate(self.series):
            name = unicode(style.get('label') or 'series %d' % (number + 1))
            if bars:
                series = chart.addSeries(name, list(xs), list(ys))
                if style.get('hist'):
                    styler.setOverlapped(True)
                if len(xs) > 6:
                    styler.setXAxisLabelRotation(45)
            else:
                series = chart.addSeries(name, jarray.array(xs, 'd'), jarray.array(ys, 'd'))
                if kind == 'scatter':
                    series.setXYSeriesRenderStyle(_SCATTER)
                else:
                    marker = style.get('marker')
                    series.setMarker(_MARKERS[marker] if marker else SeriesMarkers.NONE)
                    linestyle = style.get('linestyle') or style.get('ls')
                    if linestyle in _LINES:
                        series.setLineStyle(_LINES[linestyle])
            color = style.get('color') or style.get('c')
            if color:
                color = _COLORS.get(color, color)
                awt = Color.decode(color)
                series.setFillColor(awt)
                if not bars:
                    series.setLineColor(awt)
                    series.setMarkerColor(awt)
        return chart

    def _repr_mimebundle_(self, include=None, exclude=None):
        chart = self._chart()
        png = base64.b64encode(_bytes(JavaObjectMimes.png(chart)))
        return {'image/png': png, 'image/svg+xml': JavaObjectMimes.svg(chart),
                'text/plain': repr(self)}

    def savefig(self, fname, format=None, **kwargs):
        if format is None:
            name = fname if isinstance(fname, basestring) else getattr(fname, 'name', 'figure.png')
            format = name.rsplit('.', 1)[-1].lower() if '.' in name else 'png'
        chart = self._chart()
        if format == 'png':
            data = _bytes(JavaObjectMimes.png(chart))
        elif format == 'svg':
            data = JavaObjectMimes.svg(chart).encode('utf-8')
        else:
            _unsupported('savefig(format=%r)' % format)
        if isinstance(fname, basestring):
            with open(fname, 'wb') as out:
                out.write(data)
        else:
            fname.write(data)

    def __repr__(self):
        return '<Figure size %dx%d with %d series>' % (self.size[0], self.size[1], len(self.series))

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        _unsupported('Figure.%s' % name)


def _open():
    return _figures.setdefault(_forkbook.bridge.executionKey(), [])


def figure(num=None, figsize=None, **kwargs):
    fig = Figure(figsize)
    _open().append(fig)
    return fig


def gcf():
    figures = _open()
    return figures[-1] if figures else figure()


def gca():
    return gcf().axes


def subplots(nrows=1, ncols=1, figsize=None, **kwargs):
    if nrows != 1 or ncols != 1:
        _unsupported('subplots(%d, %d) (only one axes)' % (nrows, ncols))
    fig = figure(figsize=figsize)
    return fig, fig.axes


def plot(*args, **kwargs):
    return gca().plot(*args, **kwargs)


def scatter(x, y, **kwargs):
    return gca().scatter(x, y, **kwargs)


def bar(x, height, **kwargs):
    return gca().bar(x, height, **kwargs)


def hist(values, bins=10, **kwargs):
    return gca().hist(values, bins=bins, **kwargs)


def title(text, **kwargs):
    gca().set_title(text)


def xlabel(text, **kwargs):
    gca().set_xlabel(text)


def ylabel(text, **kwargs):
    gca().set_ylabel(text)


def xlim(*args, **kwargs):
    gca().set_xlim(*args, **kwargs)


def ylim(*args, **kwargs):
    gca().set_ylim(*args, **kwargs)


def legend(*args, **kwargs):
    gca().legend()


def grid(visible=True, *args, **kwargs):
    gca().grid(visible)


def savefig(fname, **kwargs):
    gcf().savefig(fname, **kwargs)


def show(*args, **kwargs):
    """Shows every open figure of this cell below it, then closes them."""
    _emit_open_figures()


def close(fig=None):
    figures = _open()
    if fig == 'all':
        del figures[:]
    elif fig is None:
        if figures:
            figures.pop()
    elif fig in figures:
        figures.remove(fig)


def _emit_open_figures():
    figures = _figures.pop(_forkbook.bridge.executionKey(), [])
    for fig in figures:
        _forkbook.bridge.display(fig, None)


class _PyplotModule(types.ModuleType):
    """The module object: unknown pyplot functions fail with a message that names them."""

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        _unsupported('matplotlib.pyplot.%s' % name)


_module = _PyplotModule(__name__, __doc__)
_module.__dict__.update(dict((k, v) for k, v in globals().items() if k != '_module'))
sys.modules[__name__] = _module
