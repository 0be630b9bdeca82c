"""Forkbook's typing for Jython 2.7: the names notebooks import, subscriptable, for annotations
(which Forkbook strips) and type aliases. No runtime checking, as in Python 3."""

__all__ = ['AbstractSet', 'Any', 'AnyStr', 'Callable', 'ClassVar', 'Collection', 'Container',
           'Counter', 'DefaultDict', 'Deque', 'Dict',
           'Final', 'FrozenSet', 'Generator', 'Generic', 'Hashable', 'Iterable', 'Iterator',
           'List', 'Literal', 'Mapping', 'MutableMapping', 'MutableSequence', 'MutableSet',
           'NamedTuple', 'NewType', 'NoReturn', 'Optional', 'OrderedDict', 'Protocol',
           'Sequence', 'Set', 'Sized', 'Text', 'Tuple', 'Type', 'TypeVar', 'Union',
           'TYPE_CHECKING', 'cast', 'overload', 'no_type_check', 'get_type_hints', 'final']

TYPE_CHECKING = False


class _Alias(object):
    """A typing name such as List or List[int]; calling it builds its origin type."""

    def __init__(self, name, origin=None, args=()):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self._name, self.__origin__, params)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError('Cannot instantiate typing.%s' % self._name)
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return self.__origin__ is not None and isinstance(obj, self.__origin__)

    def __mro_entries__(self, bases):
        return (self.__origin__ or object,)

    def __repr__(self):
        if not self.__args__:
            return 'typing.' + self._name
        return 'typing.%s[%s]' % (self._name, ', '.join(_name(a) for a in self.__args__))

    def __eq__(self, other):
        return (isinstance(other, _Alias) and self._name == other._name
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self._name, self.__args__))


def _name(value):
    if isinstance(value, type):
        return {'unicode': 'str', 'long': 'int'}.get(value.__name__, value.__name__)
    if value is Ellipsis:
        return '...'
    if isinstance(value, list):
        return '[%s]' % ', '.join(_name(v) for v in value)
    return repr(value)


import collections as _collections

Any = _Alias('Any')
Union = _Alias('Union')
Optional = _Alias('Optional')
Callable = _Alias('Callable')
ClassVar = _Alias('ClassVar')
Final = _Alias('Final')
Literal = _Alias('Literal')
NoReturn = _Alias('NoReturn')
List = _Alias('List', list)
Dict = _Alias('Dict', dict)
Set = _Alias('Set', set)
FrozenSet = _Alias('FrozenSet', frozenset)
Tuple = _Alias('Tuple', tuple)
Type = _Alias('Type', type)
Deque = _Alias('Deque', _collections.deque)
DefaultDict = _Alias('DefaultDict', _collections.defaultdict)
OrderedDict = _Alias('OrderedDict', _collections.OrderedDict)
Counter = _Alias('Counter', _collections.Counter)
Iterable = _Alias('Iterable', _collections.Iterable)
Iterator = _Alias('Iterator', _collections.Iterator)
Generator = _Alias('Generator')
Sequence = _Alias('Sequence', _collections.Sequence)
MutableSequence = _Alias('MutableSequence', _collections.MutableSequence)
Mapping = _Alias('Mapping', _collections.Mapping)
MutableMapping = _Alias('MutableMapping', _collections.MutableMapping)
MutableSet = _Alias('MutableSet', _collections.MutableSet)
Hashable = _Alias('Hashable', _collections.Hashable)
Sized = _Alias('Sized', _collections.Sized)
Container = _Alias('Container', _collections.Container)
AbstractSet = _Alias('AbstractSet', _collections.Set)
Collection = _Alias('Collection')
Text = unicode
AnyStr = _Alias('AnyStr')


class _GenericBase(object):
    """Generic[T] and Protocol[T] as base classes: subscripting gives a plain base."""


class _GenericAlias(_Alias):
    def __getitem__(self, params):
        return _GenericBase


Generic = _GenericAlias('Generic', _GenericBase)
Protocol = _GenericAlias('Protocol', _GenericBase)


class TypeVar(object):
    def __init__(self, name, *constraints, **kwargs):
        self.__name__ = name

    def __repr__(self):
        return '~' + self.__name__


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def NamedTuple(typename, fields=None, **kwargs):
    fields = list(fields or []) + list(kwargs.items())
    return _collections.namedtuple(typename, [name for name, _ in fields])


def cast(tp, value):
    return value


def overload(function):
    return function


def final(thing):
    return thing


def no_type_check(thing):
    return thing


def get_type_hints(obj, globalns=None, localns=None):
    return dict(getattr(obj, '__annotations__', {}))
