"""Runs one notebook's code cells in CPython 3, in one namespace, as `forkbook bench --corpus` does on
Jython; prints one JSON line: {"ran_to_end": bool, "cells_run": n, "failed_cell": i, "error": "..."}.

usage: python3 corpus_cpython.py NOTEBOOK.ipynb   (run with the notebook's directory as cwd)
A cell whose saved outputs contain an error may raise. IPython line magics %time and %timeit run their
statement, %%time/%%timeit/%%capture cells run their body, %%writefile writes its file, other magics
and shell escapes (!cmd) are skipped: this approximates Jupyter on a plain interpreter without IPython.
"""
import json
import re
import sys

MAGIC_WITH_CODE = re.compile(r"^(\s*)%(?:time|timeit|prun)\s+(?:-\S+\s+)*(.*)$")
MAGIC_OR_SHELL = re.compile(r"^(\s*)(?:%|!)")


def translate(source):
    lines = source.splitlines()
    if lines and lines[0].startswith("%%"):
        head = lines[0][2:].split()
        body = "\n".join(lines[1:])
        if head and head[0] == "writefile":
            args = head[1:]
            mode = "a" if "-a" in args else "w"
            name = [a for a in args if not a.startswith("-")][0]
            with open(name, mode) as f:
                f.write(body + "\n")
            return ""
        if head and head[0] in ("time", "timeit", "capture"):
            return body
        return ""
    out = []
    for line in lines:
        m = MAGIC_WITH_CODE.match(line)
        if m:
            out.append(m.group(1) + m.group(2))
        elif MAGIC_OR_SHELL.match(line):
            out.append(MAGIC_OR_SHELL.match(line).group(1) + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def display(*objs, **kwargs):
    for obj in objs:
        print(repr(obj))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        notebook = json.load(f)
    namespace = {"__name__": "__main__", "display": display}
    cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    run = 0
    for index, cell in enumerate(cells, 1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        expects_error = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        try:
            code = compile(translate(source), f"<cell {index}>", "exec")
            exec(code, namespace)
        except BaseException as e:  # SystemExit too: a notebook cell calling exit() stops the run
            run += 1
            if expects_error and not isinstance(e, (SystemExit, KeyboardInterrupt)):
                continue
            result = {"ran_to_end": False, "cells_run": run, "failed_cell": index,
                      "error": f"{type(e).__name__}: {e}"[:300]}
            break
        run += 1
    else:
        result = {"ran_to_end": True, "cells_run": run, "failed_cell": 0, "error": ""}
    sys.stdout.flush()
    sys.__stdout__.write("\n@@corpus " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
