#!/usr/bin/env python3
"""Applies docs/corpus/RULE.md to a git snapshot of a repository and copies the chosen notebooks.

usage: select.py GIT_DIR OWNER/NAME LICENSE OUT_DIR [MAX]
Prints one SOURCES.md table row per chosen notebook; the notebook goes to OUT_DIR/<owner>-<name>/.
"""
import json
import os
import re
import subprocess
import sys

EXCLUDED_TEXT = ("urllib.request", "urlopen", "requests.get", "http.client", "input(")
IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w., ]+))", re.M)


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def modules(code):
    names = set()
    for m in IMPORT.finditer(code):
        if m.group(1):
            names.add(m.group(1).split(".")[0])
        else:
            for part in m.group(2).split(","):
                part = part.strip().split(" ")[0]
                if part:
                    names.add(part.split(".")[0])
    return names


def main():
    git_dir, repo, license_name, out = sys.argv[1:5]
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    listing = git(git_dir, "ls-tree", "-r", "-l", "HEAD").decode().splitlines()
    files = {}
    for line in listing:
        meta, path = line.split("\t", 1)
        size = meta.split()[3]
        files[path] = int(size) if size.isdigit() else 0
    local_py = {os.path.splitext(p)[0]: p for p in files if p.endswith(".py")}
    chosen = 0
    for path in sorted(files, key=lambda p: p.encode()):
        if chosen >= limit or not path.endswith(".ipynb") or files[path] > 1_000_000:
            continue
        try:
            nb = json.loads(git(git_dir, "show", f"HEAD:{path}"))
        except (subprocess.CalledProcessError, ValueError):
            continue
        if nb.get("nbformat", 0) < 4:
            continue
        code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
        if not code:
            continue
        text = "\n".join("".join(c.get("source", "")) for c in code)
        if any(t in text for t in EXCLUDED_TEXT):
            continue
        directory = os.path.dirname(path)
        helpers = []
        third_party = False
        for name in modules(text):
            if name in sys.stdlib_module_names or name == "__future__":
                continue
            helper = os.path.join(directory, name) if directory else name
            if helper in local_py:
                helpers.append(local_py[helper])
            else:
                third_party = True
        if third_party:
            continue
        for literal in set(re.findall(r"""['"]([\w./-]+\.\w+)['"]""", text)):
            data = os.path.normpath(os.path.join(directory, literal))
            if data in files and files[data] <= 2_000_000 and not data.endswith(".ipynb"):
                helpers.append(data)
        target = os.path.join(out, repo.replace("/", "-"))
        os.makedirs(target, exist_ok=True)
        for file in [path, *helpers]:
            local = os.path.join(target, os.path.relpath(file, directory or "."))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(git(git_dir, "show", f"HEAD:{file}"))
        chosen += 1
        url = f"https://github.com/{repo}/blob/{commit}/{path}"
        extra = f" (with {', '.join(helpers)})" if helpers else ""
        print(f"| {repo.replace('/', '-')}/{os.path.basename(path)} | [{path}]({url}){extra} "
              f"| `{commit[:12]}` | {license_name} |")


if __name__ == "__main__":
    main()
