"""Forkbook's pathlib for Jython 2.7: the common subset of Python 3's Path on os.path (POSIX-style
paths). Text read and written is UTF-8 unless an encoding is given."""
import fnmatch
import io
import os
import shutil

__all__ = ['PurePath', 'PurePosixPath', 'Path', 'PosixPath']


class PurePath(object):
    def __init__(self, *parts):
        texts = [p._path if isinstance(p, PurePath) else p for p in parts]
        joined = os.path.join(*texts) if texts else '.'
        normalized = os.path.normpath(joined) if joined else '.'
        if joined.startswith('//') and not joined.startswith('///'):
            normalized = '/' + normalized
        self._path = normalized

    def __str__(self):
        return self._path

    def __fspath__(self):
        return self._path

    _kind = 'PurePosixPath'

    def __repr__(self):
        return '%s(%s)' % (self._kind, _fb_repr(self._path))

    def __eq__(self, other):
        return isinstance(other, PurePath) and self._path == other._path

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._path)

    def __lt__(self, other):
        return self._path < other._path

    def __truediv__(self, other):
        return type(self)(self._path, other)

    __div__ = __truediv__

    def __rtruediv__(self, other):
        return type(self)(other, self._path)

    __rdiv__ = __rtruediv__

    def joinpath(self, *others):
        return type(self)(self._path, *others)

    @property
    def parts(self):
        if self._path.startswith('/'):
            return tuple(['/'] + [p for p in self._path.split('/') if p])
        return tuple(p for p in self._path.split('/') if p and p != '.')

    @property
    def name(self):
        name = os.path.basename(self._path)
        return '' if name == '.' else name

    @property
    def suffix(self):
        name = self.name
        index = name.rfind('.')
        return name[index:] if 0 < index < len(name) - 1 else ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name, suffix = self.name, self.suffix
        return name[:-len(suffix)] if suffix else name

    @property
    def parent(self):
        parent = os.path.dirname(self._path)
        return type(self)(parent or '.')

    @property
    def parents(self):
        result, current = [], self
        while current.parent != current:
            current = current.parent
            result.append(current)
        return tuple(result)

    @property
    def anchor(self):
        return '/' if self._path.startswith('/') else ''

    def is_absolute(self):
        return self._path.startswith('/')

    def with_name(self, name):
        return type(self)(os.path.dirname(self._path), name)

    def with_suffix(self, suffix):
        return self.with_name(self.stem + suffix)

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def relative_to(self, other):
        other = PurePath(other)._path
        if not (self._path == other or self._path.startswith(other.rstrip('/') + '/')):
            raise ValueError('%r is not in the subpath of %r' % (self._path, other))
        return type(self)(os.path.relpath(self._path, other))

    def as_posix(self):
        return self._path

    def match(self, pattern):
        return fnmatch.fnmatch(self._path, '*' + pattern if not pattern.startswith('/')
                               else pattern) or fnmatch.fnmatch(self.name, pattern)


PurePosixPath = PurePath


class Path(PurePath):
    _kind = 'PosixPath'

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def expanduser(self):
        return type(self)(os.path.expanduser(self._path))

    def absolute(self):
        return type(self)(os.path.abspath(self._path))

    def resolve(self, strict=False):
        return type(self)(os.path.realpath(self._path))

    def exists(self):
        return os.path.exists(self._path)

    def is_file(self):
        return os.path.isfile(self._path)

    def is_dir(self):
        return os.path.isdir(self._path)

    def stat(self):
        return os.stat(self._path)

    def iterdir(self):
        for name in sorted(os.listdir(self._path)):
            yield self / name

    def glob(self, pattern):
        if pattern.startswith('**/'):
            for found in self.rglob(pattern[3:]):
                yield found
            return
        directory, _, last = pattern.rpartition('/')
        base = self / directory if directory else self
        if not base.is_dir():
            return
        for name in sorted(os.listdir(base._path)):
            if fnmatch.fnmatch(name, last):
                yield base / name

    def rglob(self, pattern):
        for root, dirs, files in os.walk(self._path):
            dirs.sort()
            for name in sorted(dirs + files):
                if fnmatch.fnmatch(name, pattern):
                    yield type(self)(root, name)

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if self.is_dir():
            if exist_ok:
                return
            raise OSError(17, 'File exists', self._path)
        if parents:
            os.makedirs(self._path, mode)
        else:
            os.mkdir(self._path, mode)

    def rmdir(self):
        os.rmdir(self._path)

    def unlink(self, missing_ok=False):
        if missing_ok and not self.exists():
            return
        os.remove(self._path)

    def rename(self, target):
        os.rename(self._path, str(target))
        return type(self)(target)

    def replace(self, target):
        shutil.move(self._path, str(target))
        return type(self)(target)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists() and not exist_ok:
            raise OSError(17, 'File exists', self._path)
        with open(self._path, 'a'):
            os.utime(self._path, None)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        if 'b' in mode:
            return io.open(self._path, mode, buffering)
        return io.open(self._path, mode, buffering, encoding or 'utf-8', errors, newline)

    def read_text(self, encoding=None, errors=None):
        with self.open('r', encoding=encoding, errors=errors) as source:
            return source.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        with self.open('w', encoding=encoding, errors=errors, newline=newline) as target:
            return target.write(unicode(data))

    def read_bytes(self):
        with self.open('rb') as source:
            return source.read()

    def write_bytes(self, data):
        with self.open('wb') as target:
            return target.write(data)


PosixPath = Path
