"""IPython.display for Forkbook: display(), update_display(), clear_output() and the display classes.

Objects are turned into MIME bundles by the kernel (the IPython display protocol), so these classes only
hold their data and say which representation it is.
"""
from __future__ import print_function

import base64
import json as _json
import uuid

import _forkbook
from org.python.core.util import StringUtil

__all__ = ['display', 'update_display', 'clear_output', 'DisplayHandle', 'DisplayObject', 'HTML',
           'Markdown', 'Latex', 'SVG', 'JSON', 'Pretty', 'Image']


def display(*objs, **kwargs):
    """Show each object below the cell. With display_id, the output can be replaced later."""
    display_id = kwargs.pop('display_id', None)
    kwargs.pop('raw', None)
    if kwargs:
        raise TypeError('display() got unexpected keyword argument(s): %s'
                        % ', '.join(sorted(kwargs)))
    if display_id is True:
        display_id = uuid.uuid4().hex
    for obj in objs:
        _forkbook.bridge.display(obj, None if display_id is None else str(display_id))
    if display_id is not None:
        return DisplayHandle(display_id)


def update_display(obj, display_id=None, **kwargs):
    """Replace the output shown with display_id, in this cell or an earlier one."""
    if display_id is None:
        raise TypeError('update_display() needs a display_id')
    _forkbook.bridge.updateDisplay(obj, str(display_id))


def clear_output(wait=False):
    """Clear this cell's output so far; with wait=True, when the next output arrives."""
    _forkbook.bridge.clearOutput(bool(wait))


class DisplayHandle(object):
    """A handle on one displayed output, as returned by display(..., display_id=...)."""

    def __init__(self, display_id=None):
        self.display_id = str(display_id) if display_id is not None else uuid.uuid4().hex

    def display(self, obj):
        display(obj, display_id=self.display_id)

    def update(self, obj):
        update_display(obj, display_id=self.display_id)

    def __repr__(self):
        return '<DisplayHandle display_id=%s>' % self.display_id


class DisplayObject(object):
    """Data to show, given directly or read from a file (URLs are not fetched: no network)."""

    binary = False

    def __init__(self, data=None, url=None, filename=None):
        if url is not None:
            raise ValueError('Forkbook does not fetch URLs; pass data= or filename=')
        if filename is not None and data is None:
            with open(filename, 'rb' if self.binary else 'r') as source:
                data = source.read()
        self.data = data

    def __repr__(self):
        return '<IPython.core.display.%s object>' % type(self).__name__


class HTML(DisplayObject):
    def _repr_html_(self):
        return self.data


class Markdown(DisplayObject):
    def _repr_markdown_(self):
        return self.data


class Latex(DisplayObject):
    def _repr_latex_(self):
        return self.data


class SVG(DisplayObject):
    def _repr_svg_(self):
        return self.data


class JSON(DisplayObject):
    def __init__(self, data=None, url=None, filename=None, **kwargs):
        DisplayObject.__init__(self, data, url, filename)
        if isinstance(self.data, basestring):
            self.data = _json.loads(self.data)

    def _repr_json_(self):
        return self.data


class Pretty(DisplayObject):
    """Plain text shown as it is."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {'text/plain': self.data}

    def __repr__(self):
        return self.data


def _bytes(data):
    if isinstance(data, str):
        return data
    return StringUtil.fromBytes(data).encode('latin-1')


class Image(DisplayObject):
    """A PNG or JPEG image from bytes or a file path."""

    binary = True

    def __init__(self, data=None, url=None, filename=None, format=None, width=None, height=None,
                 embed=None, **kwargs):
        if isinstance(data, basestring) and filename is None and not data.startswith('\x89PNG') \
                and not data.startswith('\xff\xd8') and len(data) < 4096:
            try:
                open(data, 'rb').close()
                filename, data = data, None
            except IOError:
                pass
        DisplayObject.__init__(self, data, url, filename)
        self.data = _bytes(self.data)
        if format is None and filename is not None and '.' in filename:
            format = filename.rsplit('.', 1)[1]
        if format is None:
            format = 'png' if self.data.startswith('\x89PNG') else (
                'jpeg' if self.data.startswith('\xff\xd8') else None)
        format = {'jpg': 'jpeg'}.get(str(format).lower(), str(format).lower())
        if format not in ('png', 'jpeg'):
            raise ValueError('Image supports PNG and JPEG data, not %r' % format)
        self.format = format
        self.width = width
        self.height = height

    def _repr_mimebundle_(self, include=None, exclude=None):
        mime = 'image/' + self.format
        metadata = {}
        if self.width or self.height:
            metadata[mime] = dict((k, v) for k, v in (('width', self.width),
                                                       ('height', self.height)) if v)
        return ({mime: base64.b64encode(self.data), 'text/plain': repr(self)}, metadata)


class Javascript(DisplayObject):
    """Scripts do not run in Forkbook: shown as their text."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {'text/plain': self.data or ''}


class Code(DisplayObject):
    """Source code, shown as text."""

    def __init__(self, data=None, url=None, filename=None, language=None):
        DisplayObject.__init__(self, data, url, filename)
        self.language = language

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {'text/plain': self.data or ''}


class IFrame(object):
    def __init__(self, src, width, height, **kwargs):
        self.src, self.width, self.height = src, width, height

    def _repr_html_(self):
        return '<iframe width="%s" height="%s" src="%s" frameborder="0" allowfullscreen></iframe>' % (
            self.width, self.height, self.src)


class FileLink(object):
    def __init__(self, path, url_prefix='', result_html_prefix='', result_html_suffix='<br>'):
        self.path = path
        self.url_prefix = url_prefix
        self.result_html_prefix = result_html_prefix
        self.result_html_suffix = result_html_suffix

    def _repr_html_(self):
        import cgi
        return '%s<a href="%s%s" target="_blank">%s</a>%s' % (
            self.result_html_prefix, self.url_prefix, cgi.escape(self.path, True),
            cgi.escape(self.path), self.result_html_suffix)

    def __repr__(self):
        import os
        return os.path.abspath(self.path)


def _display_as(kind):
    def show(*objs, **kwargs):
        if kwargs.pop('raw', False):
            for obj in objs:
                display(kind(obj))
        else:
            display(*objs)
    show.__name__ = 'display_' + getattr(kind, '__name__', 'image').lower()
    return show


display_html = _display_as(HTML)
display_markdown = _display_as(Markdown)
display_latex = _display_as(Latex)
display_svg = _display_as(SVG)
display_json = _display_as(JSON)
display_pretty = _display_as(Pretty)
display_javascript = _display_as(Javascript)
display_png = _display_as(lambda data: Image(data=data, format='png'))
display_jpeg = _display_as(lambda data: Image(data=data, format='jpeg'))
__all__ += ['Javascript', 'Code', 'IFrame', 'FileLink', 'display_html', 'display_markdown',
            'display_latex', 'display_svg', 'display_json', 'display_pretty', 'display_javascript',
            'display_png', 'display_jpeg']
