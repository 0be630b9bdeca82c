"""Python 3 behaviour for cells on Jython 2.7: the _fb_* helpers translated cells call, the builtins
a Python 3 notebook expects (help, exit, print(flush=), exec/eval/compile with the cell's future
flags) and Python 3 additions to math, functools, itertools, importlib and sys.

Installed once per JVM by the kernel's bootstrap. Helpers are builtins so any module, cell or function
defined in a cell finds them.
"""
import sys
import __builtin__
import __future__
# Imported while sys.path is Jython's own: if a cell later changes sys.path, "import io" (also in
# pathlib) still finds this module, not the Java package io (io.javalin) on the class path.
import io as _python_io

_FUTURE = __future__.print_function.compiler_flag | __future__.division.compiler_flag
_compile = __builtin__.compile
_eval = __builtin__.eval
_print = getattr(__builtin__, 'print')
_range = __builtin__.range
_min = __builtin__.min
_max = __builtin__.max
_bridge = None


def _from_cell(frame):
    return frame is not None and frame.f_code.co_filename.startswith('<cell-')


class _fb_Cell(object):
    """Holds the variables a nested function rebinds with nonlocal."""


def _fb_list(*parts):
    result = []
    for part in parts:
        result.extend(part)
    return result


def _fb_tuple(*parts):
    return tuple(_fb_list(*parts))


def _fb_set(*parts):
    result = set()
    for part in parts:
        result.update(part)
    return result


def _fb_dict(*parts):
    result = {}
    for part in parts:
        result.update(part)
    return result


def _fb_kwargs(*parts):
    result = {}
    for part in parts:
        for key in part.keys():
            if key in result:
                raise TypeError("got multiple values for keyword argument '%s'" % key)
            result[key] = part[key]
    return result


def _fb_unpack(iterable, before, after):
    items = list(iterable)
    if len(items) < before + after:
        raise ValueError('not enough values to unpack (expected at least %d, got %d)'
                         % (before + after, len(items)))
    end = len(items) - after
    return tuple(items[:before]) + (items[before:end],) + tuple(items[end:])


def _fb_shape(value, shape):
    """A value made to fit a target with starred names (a, *b = value, also nested): shape is
    (index of the starred name or -1, (shape of each element,)), None for a plain name."""
    if shape is None:
        return value
    star, parts = shape
    if star >= 0:
        items = list(_fb_unpack(value, star, len(parts) - star - 1))
    else:
        items = list(value)
        if len(items) != len(parts):
            return items
    return tuple([_fb_shape(item, part) for item, part in zip(items, parts)])


def _fb_unpacking(iterable, shape):
    """The items of a for loop whose target has a starred name (for a, *b in xs)."""
    for item in iterable:
        yield _fb_shape(item, shape)


class _fb_KwDefaults(tuple):
    """A function's keyword-only defaults, evaluated once when the def runs."""

    def __new__(cls, *values):
        return tuple.__new__(cls, values)


def _fb_kwpos(defaults, function, positional):
    """The hidden parameter holding keyword-only defaults was not filled by a positional argument."""
    if type(defaults) is not _fb_KwDefaults:
        raise TypeError('%s() takes %d positional argument%s but more were given'
                        % (function, positional, '' if positional == 1 else 's'))


def _fb_kwreq(kwargs, name, function):
    try:
        return kwargs.pop(name)
    except KeyError:
        raise TypeError("%s() missing 1 required keyword-only argument: '%s'" % (function, name))


def _fb_nokw(kwargs, function):
    if kwargs:
        raise TypeError("%s() got an unexpected keyword argument '%s'"
                        % (function, sorted(kwargs)[0]))


def _fb_ann(namespace, name, annotation):
    """Records a class-level annotation (its text) in definition order."""
    if '__annotations__' not in namespace:
        from collections import OrderedDict
        namespace['__annotations__'] = OrderedDict()
    namespace['__annotations__'][name] = annotation


def _fb_copy(obj):
    """obj.copy(), also for lists (Python 3's list.copy)."""
    if type(obj) is list:
        return obj[:]
    return obj.copy()


def _fb_clear(obj):
    """obj.clear(), also for lists (Python 3's list.clear)."""
    if type(obj) is list:
        del obj[:]
        return None
    return obj.clear()


def _fb_repr(value):
    return _bridge.py3repr(value)


_SHOWN_AS_PY3 = (float, long, list, tuple, dict, set, frozenset)


def _fb_fs(value):
    """An f-string field without a spec: str() as Python 3 shows it."""
    if type(value) in _SHOWN_AS_PY3:
        return _bridge.py3repr(value)
    return value


def compile(source, filename, mode, flags=0, dont_inherit=0):
    if not dont_inherit and _from_cell(sys._getframe(1)):
        flags |= _FUTURE
        if isinstance(source, basestring):
            source = _bridge.translate(source)
    return _compile(source, filename, mode, flags, dont_inherit)


def _namespaces(frame, globals, locals):
    if globals is None:
        return frame.f_globals, frame.f_locals if locals is None else locals
    return globals, globals if locals is None else locals


def eval(source, globals=None, locals=None):
    frame = sys._getframe(1)
    globals, locals = _namespaces(frame, globals, locals)
    if isinstance(source, basestring) and _from_cell(frame):
        source = _compile(_bridge.translate(source.strip()), '<string>', 'eval', _FUTURE, 1)
    return _eval(source, globals, locals)


def _fb_exec(source, globals=None, locals=None):
    globals, locals = _namespaces(sys._getframe(1), globals, locals)
    if isinstance(source, basestring):
        source = _compile(_bridge.translate(source), '<string>', 'exec', _FUTURE, 1)
    exec source in globals, locals


def print_(*args, **kwargs):
    flush = kwargs.pop('flush', False)
    _print(*args, **kwargs)
    if flush:
        (kwargs.get('file') or sys.stdout).flush()


class _LazyRange(object):
    """range() whose bounds do not fit a list, as Python 3's lazy range."""

    def __init__(self, start, stop, step):
        if step == 0:
            raise ValueError('range() arg 3 must not be zero')
        self.start, self.stop, self.step = start, stop, step

    def __len__(self):
        return self._length()

    def _length(self):
        if self.step > 0:
            n = (self.stop - self.start + self.step - 1) // self.step
        else:
            n = (self.start - self.stop - self.step - 1) // -self.step
        return max(0, n)

    def __iter__(self):
        i = self.start
        if self.step > 0:
            while i < self.stop:
                yield i
                i += self.step
        else:
            while i > self.stop:
                yield i
                i += self.step

    def __contains__(self, value):
        if self.step > 0 and not self.start <= value < self.stop:
            return False
        if self.step < 0 and not self.stop < value <= self.start:
            return False
        return (value - self.start) % self.step == 0

    def __getitem__(self, index):
        length = self._length()
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError('range object index out of range')
        return self.start + index * self.step

    def __repr__(self):
        if self.step == 1:
            return 'range(%d, %d)' % (self.start, self.stop)
        return 'range(%d, %d, %d)' % (self.start, self.stop, self.step)


_LIST_LIMIT = 10 ** 7


def range(*args):
    """Python 2's list range, or a lazy range when the bounds are too large for a list."""
    if len(args) == 1:
        lazy = _LazyRange(0, args[0], 1)
    elif len(args) in (2, 3):
        lazy = _LazyRange(args[0], args[1], args[2] if len(args) > 2 else 1)
    else:
        return _range(*args)
    if type(lazy.start) is long or type(lazy.stop) is long or lazy._length() > _LIST_LIMIT:
        return lazy
    return _range(*args)


_NO_DEFAULT = object()


def _with_default(builtin):
    """min/max with Python 3's default= for an empty iterable (Python 2.7 has only key=)."""
    def extreme(*args, **kwargs):
        default = kwargs.pop('default', _NO_DEFAULT)
        if default is _NO_DEFAULT:
            return builtin(*args, **kwargs)
        if len(args) != 1:
            raise TypeError('Cannot specify a default for %s() with multiple positional arguments'
                            % builtin.__name__)
        items = list(args[0])
        return builtin(items, **kwargs) if items else default
    extreme.__name__ = builtin.__name__
    extreme.__doc__ = builtin.__doc__
    return extreme


min = _with_default(_min)
max = _with_default(_max)


class _Quitter(object):
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'Use %s() or Ctrl-D (i.e. EOF) to exit' % self.name

    def __call__(self, code=None):
        raise SystemExit(code)


class _Printer(object):
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text

    def __call__(self):
        print_(self.text)


class _Helper(object):
    def __repr__(self):
        return ('Type help() for interactive help, or help(object) for help about object.')

    def __call__(self, *args, **kwargs):
        if not args and not kwargs:
            print_(repr(self))
            return
        import pydoc
        return pydoc.help(*args, **kwargs)


def _lru_cache(maxsize=128, typed=False):
    # As CPython's pure-Python lru_cache: a plain dict (unbounded), or a dict of links of a circular
    # list in use order (bounded). No OrderedDict and no KeyError per miss: both cost much in Jython,
    # and every state snapshot copies the cache.
    import functools
    missing = object()
    PREV, NEXT, KEY, RESULT = 0, 1, 2, 3

    def decorating(function):
        cache = {}
        stats = [0, 0]  # hits, misses
        root = []
        root[:] = [root, root, None, None]
        roots = [root]

        def make_key(args, kwargs):
            key = args
            if kwargs:
                key += (missing,) + tuple(sorted(kwargs.items()))
            if typed:
                key += tuple(type(v) for v in args)
            return key

        def unbounded(*args, **kwargs):
            key = make_key(args, kwargs)
            result = cache.get(key, missing)
            if result is not missing:
                stats[0] += 1
                return result
            stats[1] += 1
            result = function(*args, **kwargs)
            cache[key] = result
            return result

        def bounded(*args, **kwargs):
            key = make_key(args, kwargs)
            link = cache.get(key)
            if link is not None:
                root = roots[0]
                link_prev, link_next, _, result = link
                link_prev[NEXT] = link_next
                link_next[PREV] = link_prev
                last = root[PREV]
                last[NEXT] = root[PREV] = link
                link[PREV] = last
                link[NEXT] = root
                stats[0] += 1
                return result
            stats[1] += 1
            result = function(*args, **kwargs)
            root = roots[0]
            if key in cache:
                pass
            elif len(cache) >= maxsize:
                old_root = root
                old_root[KEY] = key
                old_root[RESULT] = result
                root = roots[0] = old_root[NEXT]
                old_key = root[KEY]
                root[KEY] = root[RESULT] = None
                del cache[old_key]
                cache[key] = old_root
            else:
                last = root[PREV]
                link = [last, root, key, result]
                last[NEXT] = root[PREV] = cache[key] = link
            return result

        def cache_info():
            return 'CacheInfo(hits=%d, misses=%d, maxsize=%s, currsize=%d)' % (
                stats[0], stats[1], maxsize, len(cache))

        def cache_clear():
            cache.clear()
            root = roots[0]
            root[:] = [root, root, None, None]
            stats[:] = [0, 0]

        def uncached(*args, **kwargs):
            stats[1] += 1
            return function(*args, **kwargs)

        wrapper = (unbounded if maxsize is None else bounded if maxsize > 0 else uncached)
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return functools.wraps(function)(wrapper)

    if callable(maxsize) and not isinstance(maxsize, (int, long)):
        function, maxsize = maxsize, 128
        return decorating(function)
    return decorating


def _accumulate(iterable, func=None, initial=None):
    import operator
    func = func or operator.add
    iterator = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(iterator)
        except StopIteration:
            return
    yield total
    for element in iterator:
        total = func(total, element)
        yield total


def _prod(iterable, start=1):
    result = start
    for value in iterable:
        result *= value
    return result


def _isqrt(n):
    if n < 0:
        raise ValueError('isqrt() argument must be nonnegative')
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _comb(n, k):
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in _range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def _perm(n, k=None):
    k = n if k is None else k
    if k < 0 or k > n:
        return 0
    result = 1
    for i in _range(n - k + 1, n + 1):
        result *= i
    return result


def _gcd(*values):
    result = 0
    for value in values:
        a, b = abs(result), abs(value)
        while b:
            a, b = b, a % b
        result = a
    return result


def _isclose(a, b, rel_tol=1e-09, abs_tol=0.0):
    if a == b:
        return True
    diff = abs(b - a)
    return diff <= abs(rel_tol * b) or diff <= abs(rel_tol * a) or diff <= abs_tol


def _python3_library():
    import math
    import functools
    import itertools
    import importlib
    for name, value in (('prod', _prod), ('isqrt', _isqrt), ('comb', _comb), ('perm', _perm),
                        ('gcd', _gcd), ('isclose', _isclose), ('inf', float('inf')),
                        ('nan', float('nan')), ('tau', 2 * math.pi),
                        ('log2', lambda x: math.log(x, 2))):
        if not hasattr(math, name):
            setattr(math, name, staticmethod(value) if callable(value) else value)
    functools.lru_cache = _lru_cache
    functools.cache = _lru_cache(None)
    itertools.accumulate = staticmethod(_accumulate)
    itertools.zip_longest = itertools.izip_longest
    itertools.filterfalse = itertools.ifilterfalse
    importlib.reload = __builtin__.reload
    import collections
    collections.abc = collections
    sys.modules['collections.abc'] = collections
    if not hasattr(sys, 'intern'):
        sys.intern = __builtin__.intern


_format = __builtin__.format
_ALIGNMENTS = '<>=^'


def _fill_format(value, spec):
    """format() for a spec whose fill is an alignment character ('=<8'): Jython's parser takes
    the fill for the alignment and rejects the spec, so a stand-in fill is replaced afterwards."""
    if len(spec) < 2 or spec[0] not in _ALIGNMENTS or spec[1] not in _ALIGNMENTS:
        return None
    unpadded = _format(value, spec[2:])
    for stand_in in ('\x00', '\x01', '\x02', '\x03'):
        if stand_in not in unpadded:
            return _format(value, stand_in + spec[1:]).replace(stand_in, spec[0])
    return None


def format(value, format_spec=''):
    try:
        return _format(value, format_spec)
    except ValueError:
        error = sys.exc_info()
        fixed = _fill_format(value, format_spec)
        if fixed is None:
            raise error[0], error[1], error[2]
        return fixed


def _fb_format_fallback(template, args, kwargs):
    """str.format done field by field (through format()), for templates Jython rejects."""
    next_index = [0]

    def render(text):
        out = []
        for literal, field, spec, conversion in text._formatter_parser():
            out.append(literal)
            if field is None:
                continue
            first, rest = field._formatter_field_name_split()
            if first == '':
                first = next_index[0]
                next_index[0] += 1
            value = args[first] if isinstance(first, (int, long)) else kwargs[first]
            for is_attribute, key in rest:
                value = getattr(value, key) if is_attribute else value[key]
            if conversion == 'r':
                value = repr(value)
            elif conversion == 's':
                value = value if isinstance(value, basestring) else str(value)
            if spec and '{' in spec:
                spec = render(spec)
            out.append(format(value, spec or ''))
        return type(text)().join(out)
    return render(template)


_chr = __builtin__.chr


def chr(code):
    """Python 3's chr for code points beyond 255 (unicode); below, Python 2's byte, as code that
    builds binary data with chr(b) expects."""
    return _chr(code) if code < 256 else unichr(code)


class _TextFile(object):
    """A file opened with encoding=: Python 3 text, so str written to it is text too."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        if isinstance(text, str):
            text = text.decode('utf-8')
        return self._stream.write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __iter__(self):
        return iter(self._stream)

    def next(self):
        return next(self._stream)

    __next__ = next

    def __enter__(self):
        self._stream.__enter__()
        return self

    def __exit__(self, *exc):
        return self._stream.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __repr__(self):
        return repr(self._stream)


_open = __builtin__.open


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True):
    """Python 2's open, or Python 3's text files when encoding, errors or newline is given."""
    if encoding is None and errors is None and newline is None and closefd:
        return _open(file, mode, buffering)
    stream = _python_io.open(file, mode, buffering, encoding, errors, newline, closefd)
    return stream if 'b' in mode else _TextFile(stream)


def _fb_magic(name, args):
    from forkbook import magics
    return magics.line_magic(name, args, sys._getframe(1))


def _fb_shell(command, capture=False):
    from forkbook import magics
    return magics.shell(command, capture, sys._getframe(1))


def _fb_cell_magic(name, args, body):
    from forkbook import magics
    return magics.cell_magic(name, args, body, sys._getframe(1))


def _fb_time_start():
    from forkbook import magics
    return magics.time_start()


def _fb_time_report(started):
    from forkbook import magics
    magics.time_report(started)


def install(bridge):
    global _bridge
    _bridge = bridge
    names = globals()
    for name in list(names):
        if name.startswith('_fb_'):
            setattr(__builtin__, name, names[name])
    setattr(__builtin__, 'print', print_)
    __builtin__.compile = compile
    __builtin__.eval = eval
    __builtin__.range = range
    __builtin__.min = min
    __builtin__.max = max
    __builtin__.format = format
    __builtin__.chr = chr
    __builtin__.open = open
    __builtin__.exit = _Quitter('exit')
    __builtin__.quit = _Quitter('quit')
    __builtin__.help = _Helper()
    __builtin__.copyright = _Printer(sys.copyright)
    __builtin__.credits = _Printer(
        'Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n'
        'for supporting Python development.  See www.python.org for more information.\n'
        'Jython is maintained by the Jython developers (www.jython.org).')
    __builtin__.license = _Printer('See https://www.python.org/psf/license/ and '
                                   'https://www.jython.org/license')
    _python3_library()
