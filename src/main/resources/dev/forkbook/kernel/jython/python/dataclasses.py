"""Forkbook's dataclasses for Jython 2.7: @dataclass (init, repr, eq, order, frozen,
__post_init__), field, fields, asdict, astuple, replace, is_dataclass. Fields come from the class's
annotations, which Forkbook's translation records in definition order (their text, unevaluated)."""
from collections import OrderedDict as _OrderedDict
import copy as _copy

__all__ = ['dataclass', 'field', 'Field', 'fields', 'asdict', 'astuple', 'replace',
           'is_dataclass', 'FrozenInstanceError', 'MISSING']


class _Missing(object):
    def __repr__(self):
        return 'MISSING'


MISSING = _Missing()


class FrozenInstanceError(AttributeError):
    pass


class Field(object):
    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True,
                 compare=True, hash=None, metadata=None):
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError('cannot specify both default and default_factory')
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.metadata = metadata or {}

    def __repr__(self):
        return 'Field(name=%r,type=%r,default=%r)' % (self.name, self.type, self.default)


def field(**kwargs):
    return Field(**kwargs)


def fields(obj):
    return tuple(getattr(obj, '__dataclass_fields__').values())


def is_dataclass(obj):
    return hasattr(obj, '__dataclass_fields__')


def asdict(obj):
    if is_dataclass(obj) and not isinstance(obj, type):
        return dict((f.name, asdict(getattr(obj, f.name))) for f in fields(obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return dict((asdict(k), asdict(v)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj):
    if is_dataclass(obj) and not isinstance(obj, type):
        return tuple(astuple(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(astuple(v) for v in obj)
    return _copy.deepcopy(obj)


def replace(obj, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def _collect(cls):
    collected = _OrderedDict()
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, '__dataclass_fields__', {}).values():
            collected[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    for name, annotation in annotations.items():
        if str(annotation).startswith(('ClassVar', 'typing.ClassVar')):
            continue
        default = cls.__dict__.get(name, MISSING)
        f = default if isinstance(default, Field) else Field(default=default)
        f.name, f.type = name, annotation
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        collected[name] = f
    return collected


def _make_init(cls, all_fields, frozen):
    args, body, namespace = [], [], {'MISSING': MISSING}
    seen_default = False
    for f in all_fields:
        if not f.init:
            if f.default_factory is not MISSING:
                namespace['_factory_' + f.name] = f.default_factory
                body.append('_set(self, %r, _factory_%s())' % (f.name, f.name))
            elif f.default is not MISSING:
                namespace['_default_' + f.name] = f.default
                body.append('_set(self, %r, _default_%s)' % (f.name, f.name))
            continue
        if f.default_factory is not MISSING:
            namespace['_factory_' + f.name] = f.default_factory
            args.append('%s=MISSING' % f.name)
            body.append('_set(self, %r, _factory_%s() if %s is MISSING else %s)'
                        % (f.name, f.name, f.name, f.name))
            seen_default = True
        elif f.default is not MISSING:
            namespace['_default_' + f.name] = f.default
            args.append('%s=_default_%s' % (f.name, f.name))
            body.append('_set(self, %r, %s)' % (f.name, f.name))
            seen_default = True
        else:
            if seen_default:
                raise TypeError("non-default argument '%s' follows default argument" % f.name)
            args.append(f.name)
            body.append('_set(self, %r, %s)' % (f.name, f.name))
    if hasattr(cls, '__post_init__'):
        body.append('self.__post_init__()')
    namespace['_set'] = object.__setattr__
    source = 'def __init__(self%s):\n    %s\n' % (
        ''.join(', ' + a for a in args), '\n    '.join(body or ['pass']))
    exec(source, namespace)
    return namespace['__init__']


def _set_new(cls, name, value):
    """As CPython's dataclasses: a method the class body defines itself is kept."""
    if name not in cls.__dict__:
        setattr(cls, name, value)


def _process(cls, init, repr_, eq, order, frozen):
    all_fields = _collect(cls)
    cls.__dataclass_fields__ = all_fields
    values = list(all_fields.values())
    if init:
        _set_new(cls, '__init__', _make_init(cls, values, frozen))
    if repr_:
        def __repr__(self):
            return '%s(%s)' % (type(self).__name__, ', '.join(
                '%s=%s' % (f.name, _fb_repr(getattr(self, f.name))) for f in values if f.repr))
        _set_new(cls, '__repr__', __repr__)

    def key(self):
        return tuple(getattr(self, f.name) for f in values if f.compare)
    if eq:
        explicit_hash = '__hash__' in cls.__dict__
        if '__eq__' not in cls.__dict__:
            cls.__eq__ = lambda self, other: (key(self) == key(other)
                                              if other.__class__ is self.__class__ else NotImplemented)
            _set_new(cls, '__ne__', lambda self, other: (key(self) != key(other)
                                     if other.__class__ is self.__class__ else NotImplemented))
        if not explicit_hash:
            cls.__hash__ = None if not frozen else (lambda self: hash(key(self)))
    if order:
        _set_new(cls, '__lt__', lambda self, other: key(self) < key(other))
        _set_new(cls, '__le__', lambda self, other: key(self) <= key(other))
        _set_new(cls, '__gt__', lambda self, other: key(self) > key(other))
        _set_new(cls, '__ge__', lambda self, other: key(self) >= key(other))
    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError("cannot assign to field '%s'" % name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __setattr__
    return cls


def dataclass(cls=None, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False):
    def wrap(cls):
        return _process(cls, init, repr, eq, order, frozen)
    return wrap if cls is None else wrap(cls)
