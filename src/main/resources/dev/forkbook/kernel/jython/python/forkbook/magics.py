"""IPython's magics and shell escapes on Forkbook: %timeit, %time, %matplotlib, %load_ext, %run, %who,
%pwd, !cmd and the cell magics %%timeit, %%writefile, %%bash, %%html, %%markdown, %%latex and
%%javascript. Translated cells call line_magic, shell and cell_magic (through the _fb_* builtins)
with the calling frame, whose namespace the magic works in."""
from __future__ import print_function

import math
import os
import re
import subprocess
import sys

from java.lang import System as _System
from java.lang.management import ManagementFactory as _Management


class UsageError(Exception):
    """A magic used wrongly, or one Forkbook does not have (IPython's UsageError)."""


def _clock():
    return _System.nanoTime() / 1e9


def _cpu_times():
    bean = _Management.getThreadMXBean()
    user = bean.getCurrentThreadUserTime() / 1e9
    total = bean.getCurrentThreadCpuTime() / 1e9
    return user, max(0.0, total - user)


def format_time(timespan, precision=3):
    """IPython's _format_time."""
    if timespan >= 60.0:
        parts = [('d', 60 * 60 * 24), ('h', 60 * 60), ('min', 60), ('s', 1)]
        pieces = []
        leftover = timespan
        for suffix, length in parts:
            value = int(leftover / length)
            if value > 0:
                leftover = leftover % length
                pieces.append(u'%s%s' % (value, suffix))
            if leftover < 1:
                break
        return u' '.join(pieces)
    units = [u's', u'ms', u'\xb5s', u'ns']
    scaling = [1, 1e3, 1e6, 1e9]
    if timespan > 0.0:
        order = min(-int(math.floor(math.log10(timespan)) // 3), 3)
    else:
        order = 3
    return u'%.*g %s' % (precision, timespan * scaling[order], units[order])


class TimeitResult(object):
    """What %timeit -o returns, printed as IPython prints it."""

    def __init__(self, loops, repeat, all_runs):
        self.loops = loops
        self.repeat = repeat
        self.all_runs = all_runs
        self.timings = [t / loops for t in all_runs]
        self.best = min(self.timings)
        self.worst = max(self.timings)
        self.average = sum(self.timings) / len(self.timings)
        self.stdev = math.sqrt(sum((t - self.average) ** 2 for t in self.timings)
                               / len(self.timings))

    def __str__(self):
        return (u'{mean} \xb1 {std} per loop (mean \xb1 std. dev. of {runs} run{run_plural},'
                u' {loops:,} loop{loop_plural} each)').format(
                    mean=format_time(self.average), std=format_time(self.stdev),
                    runs=self.repeat, loops=self.loops,
                    run_plural='' if self.repeat == 1 else 's',
                    loop_plural='' if self.loops == 1 else 's')

    def __repr__(self):
        return u'<TimeitResult : %s>' % self


def _options(args, flags, valued):
    """Splits '-n 10 -r 3 stmt' into ({'n': '10', 'r': '3'}, 'stmt')."""
    options = {}
    rest = args.strip()
    while rest.startswith('-'):
        match = re.match(r'-(\w)\s*', rest)
        if not match:
            break
        name = match.group(1)
        rest = rest[match.end():]
        if name in valued:
            value = re.match(r'(\S+)\s*', rest)
            options[name] = value.group(1)
            rest = rest[value.end():]
        elif name in flags:
            options[name] = True
        else:
            raise UsageError('option -%s not recognized' % name)
    return options, rest


def _translate(source):
    bridge = sys.modules['_forkbook'].bridge
    return bridge.translate(source)


def _timer_function(statement, setup, globals_):
    body = '\n'.join('        ' + line for line in statement.splitlines() or ['pass'])
    setup_body = '\n'.join('    ' + line for line in setup.splitlines() or ['pass'])
    source = ('def _fb_timer(_it, _clock):\n%s\n    _t0 = _clock()\n    for _i in _it:\n%s\n'
              '        pass\n    return _clock() - _t0\n') % (setup_body, body)
    namespace = {}
    exec(compile(_translate(source), '<magic-timeit>', 'exec', 0, 1), globals_, namespace)
    return namespace['_fb_timer']


def timeit(args, frame):
    options, statement = _options(args, 'qo', 'nrp')
    return _timeit(options, statement, '', frame)


def cell_timeit(args, body, frame):
    options, setup = _options(args, 'qo', 'nrp')
    return _timeit(options, body, setup, frame)


def _timeit(options, statement, setup, frame):
    if not statement.strip():
        raise UsageError('%timeit needs a statement')
    globals_ = dict(frame.f_globals)
    globals_.update(frame.f_locals)
    timer = _timer_function(statement, setup, globals_)
    repeat = int(options.get('r', 7))
    loops = int(options.get('n', 0))
    if not loops:
        loops = 1
        for index in range(0, 10):
            loops = 10 ** index
            if timer(xrange(loops), _clock) >= 0.2:
                break
    runs = [timer(xrange(loops), _clock) for _ in range(repeat)]
    result = TimeitResult(loops, repeat, runs)
    if not options.get('q'):
        print(result)
    return result if options.get('o') else None


def time_report(started):
    """Prints what %time and %%time print, from the tuple time_start returned."""
    wall0, (user0, sys0) = started
    user1, sys1 = _cpu_times()
    user, system = user1 - user0, sys1 - sys0
    print(u'CPU times: user %s, sys: %s, total: %s' % (
        format_time(user), format_time(system), format_time(user + system)))
    print(u'Wall time: %s' % format_time(_clock() - wall0))


def time_start():
    return _clock(), _cpu_times()


def time(args, frame):
    source = _translate(args.strip())
    try:
        code = compile(source, '<timed exec>', 'eval', 0, 1)
        mode = 'eval'
    except SyntaxError:
        code = compile(source, '<timed exec>', 'exec', 0, 1)
        mode = 'exec'
    started = time_start()
    try:
        if mode == 'eval':
            return eval(code, frame.f_globals, frame.f_locals)
        exec(code, frame.f_globals, frame.f_locals)
    finally:
        time_report(started)


def who(args, frame):
    names = sorted(name for name, value in frame.f_globals.items()
                   if not name.startswith('_') and not (args and type(value).__name__
                                                        not in args.split()))
    if not names:
        print('Interactive namespace is empty.')
        return
    for count, name in enumerate(names, 1):
        print(name + '\t', end=' ')
        if count % 9 == 0:
            print()
    print()


def run(args, frame):
    path = args.strip().split()[0] if args.strip() else ''
    if not os.path.isfile(path):
        raise UsageError('File `%s` not found.' % path)
    with open(path) as script:
        source = script.read().decode('utf-8')
    namespace = {'__name__': '__main__', '__file__': path}
    saved_argv = sys.argv
    sys.argv = args.strip().split()
    try:
        exec(compile(_translate(source), path, 'exec', 0, 1), namespace)
    finally:
        sys.argv = saved_argv
    for name, value in namespace.items():
        if not (name.startswith('__') and name.endswith('__')):
            frame.f_globals[name] = value


def load_ext(args, frame):
    name = args.strip()
    if name in ('autoreload', 'watermark', 'line_profiler', 'memory_profiler'):
        return
    module = __import__(name, fromlist=['*'])
    loader = getattr(module, 'load_ipython_extension', None)
    if loader is not None:
        loader(None)


def _ignored(args, frame):
    return None


def _expand(text, frame):
    """IPython's variable expansion in magics and shell lines: {expression} and $name."""
    namespace = dict(frame.f_globals)
    namespace.update(frame.f_locals)

    def field(match):
        try:
            return unicode(eval(match.group(1), namespace))
        except Exception:
            return match.group(0)

    text = re.sub(r'(?<!\{)\{([^{}]+)\}(?!\})', field, text)
    return re.sub(r'\$(\w+)', lambda m: unicode(namespace.get(m.group(1), m.group(0))), text)


def shell(command, capture, frame):
    """!cmd: runs a shell command, streaming its output; with capture, returns its lines."""
    command = _expand(command, frame)
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    lines = []
    for line in iter(process.stdout.readline, b''):
        text = line.decode('utf-8', 'replace')
        if capture:
            lines.append(text.rstrip('\n'))
        else:
            sys.stdout.write(text)
    process.wait()
    return lines if capture else None


LINE_MAGICS = {
    'timeit': timeit,
    'time': time,
    'who': who,
    'run': run,
    'load_ext': load_ext,
    'matplotlib': _ignored,
    'config': _ignored,
    'autoreload': _ignored,
    'pwd': lambda args, frame: os.getcwd(),
    'ls': lambda args, frame: shell('ls ' + args, False, frame),
}


def line_magic(name, args, frame):
    magic = LINE_MAGICS.get(name)
    if magic is None:
        raise UsageError('Line magic function `%%%s` not found.' % name)
    return magic(_expand(args, frame) if name not in ('timeit', 'time') else args, frame)


def writefile(args, body, frame):
    options, path = _options(args, 'a', '')
    path = path.strip()
    if not path:
        raise UsageError('%%writefile needs a file name')
    exists = os.path.exists(path)
    with open(path, 'a' if options.get('a') else 'w') as target:
        target.write(body.encode('utf-8'))
    if options.get('a'):
        print('Appending to %s' % path)
    else:
        print('%s %s' % ('Overwriting' if exists else 'Writing', path))


def _display(kind):
    def show(args, body, frame):
        import IPython.display as display
        display.display(getattr(display, kind)(body))
    return show


def _script(args, body, frame):
    process = subprocess.Popen(['bash'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    output, _ = process.communicate(body.encode('utf-8'))
    sys.stdout.write(output.decode('utf-8', 'replace'))


CELL_MAGICS = {
    'timeit': cell_timeit,
    'writefile': writefile,
    'bash': _script,
    'sh': _script,
    'html': _display('HTML'),
    'markdown': _display('Markdown'),
    'latex': _display('Latex'),
    'javascript': _display('Javascript'),
    'js': _display('Javascript'),
}


def cell_magic(name, args, body, frame):
    magic = CELL_MAGICS.get(name)
    if magic is None:
        raise UsageError('Cell magic `%%%%%s` not found.' % name)
    return magic(args, body, frame)
