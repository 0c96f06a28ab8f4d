#!/usr/bin/env python3
"""Fails on an include that runs upward: kernels/ including sim/, or a sim/ folder including a
folder its layer does not link (the table sim/CMakeLists.txt writes to sim_layers.txt).

usage: check_layers.py SOURCE_DIR LAYER_TABLE
       check_layers.py --self-test
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"(sim|kernels)/([^"]+)"')


def folder_of(path_in_sim):
    """'scenario/load_scenario.cpp' -> 'scenario'; 'units.h' -> '.'"""
    parts = path_in_sim.split("/")
    return parts[0] if len(parts) > 1 else "."


def read_table(table_path):
    allowed = {}
    with open(table_path, encoding="utf-8") as table:
        for line in table:
            if ":" in line:
                folder, reachable = line.split(":", 1)
                allowed[folder.strip()] = set(reachable.split())
    return allowed


def upward_includes(source_dir, allowed):
    """Every include that runs upward under source_dir, one line each."""
    problems = []
    for top in ("kernels", "sim"):
        for root, _, files in sorted(os.walk(os.path.join(source_dir, top))):
            for name in sorted(files):
                if not name.endswith((".h", ".cpp", ".cu", ".cuh")):
                    continue
                path = os.path.join(root, name)
                relative = os.path.relpath(path, os.path.join(source_dir, top))
                folder = folder_of(relative)
                if top == "sim" and folder not in allowed:
                    problems.append(f"sim/{relative}: folder '{folder}' is in no layer of "
                                    "sim/CMakeLists.txt")
                    continue
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        match = INCLUDE.match(line)
                        if not match or match.group(1) == "kernels":
                            continue
                        included = f"sim/{match.group(2)}"
                        if top == "kernels":
                            problems.append(f"{top}/{relative}:{number}: includes {included}: "
                                            "kernels/ includes only kernels/")
                            continue
                        target = folder_of(match.group(2))
                        if target not in allowed[folder]:
                            may = " ".join(sorted(allowed[folder]))
                            problems.append(f"sim/{relative}:{number}: includes {included}, a "
                                            f"layer above '{folder}' (it may include: {may})")
    return problems


def self_test():
    """The check finds each kind of upward include in a small tree, and passes a clean one."""
    import tempfile
    allowed = {".": {"."}, "low": {"low", "."}, "high": {"high", "low", "."}}
    files = {
        "sim/units.h": "",
        "sim/low/a.h": '#include "sim/units.h"\n',
        "sim/high/b.cpp": '#include "sim/low/a.h"\n#include "kernels/k.h"\n',
        "kernels/k.h": "",
    }
    with tempfile.TemporaryDirectory() as tree:
        def write(path, text):
            os.makedirs(os.path.dirname(os.path.join(tree, path)), exist_ok=True)
            with open(os.path.join(tree, path), "w", encoding="utf-8") as out:
                out.write(text)
        for path, text in files.items():
            write(path, text)
        assert upward_includes(tree, allowed) == [], "a clean tree passes"
        write("sim/low/c.cpp", '#include "sim/high/b.h"\n')
        write("kernels/m.h", '#include "sim/units.h"\n')
        write("sim/other/d.h", "")
        found = upward_includes(tree, allowed)
        assert len(found) == 3, found
        assert any(p.startswith("sim/low/c.cpp:1: includes sim/high/b.h") for p in found), found
        assert any(p.startswith("kernels/m.h:1: includes sim/units.h") for p in found), found
        assert any("'other' is in no layer" in p for p in found), found
    print("self-test: the check finds upward includes and passes a clean tree")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    problems = upward_includes(sys.argv[1], read_table(sys.argv[2]))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} upward include(s)")
        return 1
    print("includes run downward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
