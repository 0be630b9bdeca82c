"""Applies RULE.md: picks the corpus from the two pinned repositories (read from local clones) and
writes manifest.tsv. Needs CPython 3 with IPython. Usage: select.py WHIRLWIND_CLONE PYTUDES_CLONE"""
import json
import os
import re
import subprocess
import sys
import tempfile

SOURCES = [
    ('jakevdp/WhirlwindTourOfPython', '6f1daf714fe52a8dde6a288674ba46a7feed8816', 'CC0-1.0', ''),
    ('norvig/pytudes', '414fe258a4181c2a819959d9a29bfcbe4c4b19c7', 'MIT', 'ipynb/'),
]
BANNED = re.compile(r'^\s*(import|from)\s+(numpy|pandas|scipy|matplotlib|sklearn|sympy|seaborn|'
                    r'requests|numba|torch)\b', re.M)
NETWORK = re.compile(r'urlopen|urllib\.request|\bhttp\.client|requests\.get')
LIMIT = 40

RUNNER = r'''
import json, sys
from IPython.core.interactiveshell import InteractiveShell
nb = json.load(open(sys.argv[1], encoding='utf-8'))
cells = nb.get('cells') or [c for ws in nb.get('worksheets', []) for c in ws['cells']]
shell = InteractiveShell.instance()
for cell in cells:
    if cell['cell_type'] != 'code':
        continue
    source = cell.get('source', cell.get('input', ''))
    source = ''.join(source) if isinstance(source, list) else source
    result = shell.run_cell(source, store_history=False, silent=True)
    if not result.success:
        print('FAILED', repr(result.error_in_exec or result.error_before_exec)[:200])
        sys.exit(1)
'''


def code_of(path):
    nb = json.load(open(path, encoding='utf-8'))
    cells = nb.get('cells') or [c for ws in nb.get('worksheets', []) for c in ws['cells']]
    parts = []
    for cell in cells:
        if cell['cell_type'] == 'code':
            source = cell.get('source', cell.get('input', ''))
            parts.append(''.join(source) if isinstance(source, list) else source)
    return '\n'.join(parts)


def runs_in_cpython(path):
    with tempfile.TemporaryDirectory() as empty:
        try:
            done = subprocess.run([sys.executable, '-c', RUNNER, os.path.abspath(path)],
                                  cwd=empty, timeout=60, capture_output=True, text=True)
        except subprocess.TimeoutExpired:
            return False, 'timeout'
        return done.returncode == 0, (done.stdout + done.stderr)[-200:]


def main(clones):
    chosen = []
    for (repo, commit, license_, folder), clone in zip(SOURCES, clones):
        names = subprocess.run(['git', '-C', clone, 'ls-tree', '-r', '--name-only', commit],
                               capture_output=True, text=True, check=True).stdout.splitlines()
        for name in sorted(n for n in names if n.endswith('.ipynb') and n.startswith(folder)
                           and '/' not in n[len(folder):]):
            if len(chosen) >= LIMIT:
                break
            with tempfile.NamedTemporaryFile('wb', suffix='.ipynb', delete=False) as copy:
                copy.write(subprocess.run(['git', '-C', clone, 'show', commit + ':' + name],
                                          capture_output=True, check=True).stdout)
            code = code_of(copy.name)
            if BANNED.search(code) or NETWORK.search(code):
                print('skip (library or network):', name, flush=True)
                continue
            ok, why = runs_in_cpython(copy.name)
            print('ok  ' if ok else 'skip (CPython: %s):' % why.strip().splitlines()[-1:],
                  name, flush=True)
            if ok:
                url = 'https://raw.githubusercontent.com/%s/%s/%s' % (repo, commit, name.replace(' ', '%20'))
                chosen.append('\t'.join([name.replace('/', '_'), url, repo, commit, license_]))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'manifest.tsv'), 'w') as out:
        out.write('# name\turl\trepository\tcommit\tlicense\n')
        out.write('\n'.join(chosen) + '\n')
    print(len(chosen), 'notebooks chosen')


if __name__ == '__main__':
    main(sys.argv[1:3])
