"""nose.tools asserts (assert_equal, assert_true, ok_, eq_, raises, ...) as nose builds them from
unittest.TestCase's assert methods."""
import re
import unittest

__all__ = ['ok_', 'eq_', 'raises', 'assert_raises']


class _Dummy(unittest.TestCase):
    def nop(self):
        pass


_t = _Dummy('nop')
_t.maxDiff = None


def _pep8(name):
    return re.sub('([A-Z])', lambda m: '_' + m.group(1).lower(), name)


for _name in dir(_t):
    if _name.startswith('assert') and '_' not in _name:
        globals()[_pep8(_name)] = getattr(_t, _name)
        __all__.append(_pep8(_name))


def ok_(expr, msg=None):
    if not expr:
        raise AssertionError(msg)


def eq_(a, b, msg=None):
    if not a == b:
        raise AssertionError(msg or '%r != %r' % (a, b))


def raises(*exceptions):
    def decorate(function):
        def wrapper(*args, **kwargs):
            try:
                function(*args, **kwargs)
            except exceptions:
                return
            raise AssertionError('%s() did not raise %s' % (
                function.__name__, ' or '.join(e.__name__ for e in exceptions)))
        wrapper.__name__ = function.__name__
        return wrapper
    return decorate
