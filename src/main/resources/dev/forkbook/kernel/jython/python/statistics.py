"""Forkbook's statistics for Jython 2.7: Python 3's common functions (mean, fmean, median,
median_low, median_high, mode, multimode, pstdev, pvariance, stdev, variance) on plain numbers."""
from __future__ import division
import collections
import math

__all__ = ['StatisticsError', 'mean', 'fmean', 'median', 'median_low', 'median_high', 'mode',
           'multimode', 'pstdev', 'pvariance', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _data(data, at_least, what):
    data = list(data)
    if len(data) < at_least:
        raise StatisticsError('%s requires at least %s data point%s' % (
            what, 'one' if at_least == 1 else 'two', '' if at_least == 1 else 's'))
    return data


def mean(data):
    data = _data(data, 1, 'mean')
    total = math.fsum(data) if any(isinstance(x, float) for x in data) else sum(data)
    if all(isinstance(x, (int, long)) for x in data) and total % len(data) == 0:
        return total // len(data)
    return total / len(data)


def fmean(data):
    data = _data(data, 1, 'fmean')
    return math.fsum(data) / len(data)


def median(data):
    data = sorted(_data(data, 1, 'median'))
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def median_low(data):
    data = sorted(_data(data, 1, 'median_low'))
    n = len(data)
    return data[n // 2] if n % 2 == 1 else data[n // 2 - 1]


def median_high(data):
    data = sorted(_data(data, 1, 'median_high'))
    return data[len(data) // 2]


def multimode(data):
    counts = collections.Counter(iter(data))
    if not counts:
        return []
    most = max(counts.values())
    seen, result = set(), []
    for value in data:
        if counts[value] == most and value not in seen:
            seen.add(value)
            result.append(value)
    return result


def mode(data):
    data = list(data)
    modes = multimode(data)
    if not modes:
        raise StatisticsError('no mode for empty data')
    return modes[0]


def _ss(data, center=None):
    c = mean(data) if center is None else center
    return math.fsum((x - c) ** 2 for x in data)


def variance(data, xbar=None):
    data = _data(data, 2, 'variance')
    return _ss(data, xbar) / (len(data) - 1)


def pvariance(data, mu=None):
    data = _data(data, 1, 'pvariance')
    return _ss(data, mu) / len(data)


def stdev(data, xbar=None):
    return math.sqrt(variance(data, xbar))


def pstdev(data, mu=None):
    return math.sqrt(pvariance(data, mu))
