#!/usr/bin/env python3
"""Writes every bundled workbook (--format xlsx) with the built llmbudget, reads it back with
openpyxl and compares each cell with the JSON output of the same command: a key column holds the
dotted JSON path of its value, a table's header holds the keys of a JSON list's objects. Also
checks the number formats of money, percentage and count cells, that the same inputs give the
same bytes, and the bad-output rules (one line, exit 2, no file).

usage: check_workbooks.py LLMBUDGET SOURCE_DIR WORK_DIR
Exit 77 (ctest's skip) when openpyxl is missing or the binary was built without libxlsxwriter.
"""
import json
import math
import os
import shutil
import subprocess
import sys
import time

SKIP = 77
# A cell holds the double the JSON holds: libxlsxwriter writes 16 significant digits (%.16G),
# so a value may differ from the JSON's shortest round-trip text in its 17th digit.
RELATIVE_TOLERANCE = 1e-15

try:
    import openpyxl
except ImportError:
    print(f"SKIP: python3-openpyxl is not installed for {sys.executable} "
          "(apt-get install python3-openpyxl; scripts/setup installs it)")
    sys.exit(SKIP)

BINARY, SOURCE, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def fail(message):
    failures.append(message)


def run(args, check=True):
    result = subprocess.run([BINARY] + args, cwd=SOURCE, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        if "libxlsxwriter" in result.stderr:
            print(f"SKIP: this llmbudget was built without libxlsxwriter: {result.stderr.strip()}")
            sys.exit(SKIP)
        raise SystemExit(f"llmbudget {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def json_of(args):
    return json.loads(run(args + ["--format", "json"]).stdout)


def workbook_of(args, name):
    path = os.path.join(WORK, name)
    run(args + ["--format", "xlsx", "-o", path])
    return openpyxl.load_workbook(path), path


def lookup(document, dotted):
    node = document
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(dotted)
        node = node[part]
    return node


def flatten(value, prefix=""):
    """Every scalar under value by dotted path; lists left out, as the workbook does."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        return {}
    return {prefix: value}


def same(cell, expected):
    if expected is None:
        return cell is None
    if isinstance(expected, bool) or isinstance(cell, bool):
        return cell == expected
    if isinstance(expected, (int, float)):
        if not isinstance(cell, (int, float)):
            return False
        return math.isclose(cell, expected, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-300)
    return cell == expected


def check_key_value(sheet, document, where, value_column=2, skip_prefixes=()):
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    if not rows:
        fail(f"{where}: sheet {sheet.title} is empty")
    for row in rows:
        key, value = row[0], row[value_column - 1]
        if key.startswith(skip_prefixes):
            continue
        try:
            expected = lookup(document, key)
        except KeyError:
            fail(f"{where}: {sheet.title}: key {key} is not in the JSON")
            continue
        if not same(value, expected):
            fail(f"{where}: {sheet.title}: {key} is {value!r}, the JSON has {expected!r}")
    return len(rows)


def check_table(sheet, elements, where, lead=None):
    """The rows whose lead column (if any) equals lead[1], against the JSON list's elements."""
    header = [c.value for c in sheet[1]]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)
            if lead is None or r[header.index(lead[0])] == lead[1]]
    if len(rows) != len(elements):
        fail(f"{where}: {sheet.title}: {len(rows)} rows, the JSON has {len(elements)}")
    for i, (row, element) in enumerate(zip(rows, elements)):
        flat = flatten(element)
        for key, cell in zip(header, row):
            if lead is not None and key == lead[0]:
                continue
            if not same(cell, flat.get(key)):
                fail(f"{where}: {sheet.title} row {i}: {key} is {cell!r}, "
                     f"the JSON has {flat.get(key)!r}")
    return len(rows)


def check_formats(sheet, where, money_sign):
    """Money cells carry the currency's sign, fractions a percentage, counts #,##0."""
    header = [c.value for c in sheet[1]]
    wanted = {}
    for column, key in enumerate(header):
        if key is None:
            continue
        if f"_{money_sign[1]}" in key:
            wanted[column] = money_sign[0]
        elif key.startswith("gross_margin") or key.endswith("utilization"):
            wanted[column] = "%"
        elif key in ("headcount", "customers", "training_gpus", "month"):
            wanted[column] = "#,##0"
    if not wanted:
        fail(f"{where}: {sheet.title}: no money, percentage or count columns to check")
    for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, 6)):
        for column, sign in wanted.items():
            cell = row[column]
            if isinstance(cell.value, (int, float)) and sign not in cell.number_format:
                fail(f"{where}: {sheet.title}!{cell.coordinate} ({header[column]}) has format "
                     f"{cell.number_format!r}, wanted one with {sign!r}")
    if sheet.freeze_panes is None:
        fail(f"{where}: {sheet.title}: the header is not frozen")


def check_company(path, currency=None):
    extra = ["--currency", currency] if currency else []
    args = ["company", path] + extra
    where = " ".join(args)
    document = json_of(args)
    book, _ = workbook_of(args, os.path.basename(path) + (currency or "") + ".xlsx")
    months = book.worksheets[0]
    check_table(months, document["months"], where)
    sign = ("¥", "cny") if currency == "CNY" else ("$", "usd")
    check_formats(months, where, sign)
    check_key_value(book["Outcomes"], document, where)
    for name in ("quarters", "cap_table", "months"):
        title = f"investor.{name}"
        if document["investor"].get(name):
            check_table(book[title], document["investor"][name], where)
    inputs = {r[1]: r[2] for r in book["Inputs"].iter_rows(min_row=2, values_only=True)}
    if inputs.get("file") != document["file"]:
        fail(f"{where}: Inputs: file is {inputs.get('file')!r}")
    if not inputs.get("source") and "vertical" not in path:
        fail(f"{where}: Inputs: no source")


def check_compare(paths, extra):
    args = ["compare"] + paths + extra
    where = " ".join(args)
    documents = json_of(args)
    book, _ = workbook_of(args, "compare.xlsx")
    for i, path in enumerate(paths):
        company = json_of(["company", path])
        check_table(book.worksheets[i], company["months"], f"{where} ({path})")
        check_formats(book.worksheets[i], where, ("$", "usd"))
    outcomes = book["Outcomes"]
    names = [c.value for c in outcomes[1]][1:]
    for column, document in enumerate(documents):
        if names[column] != document["name"]:
            fail(f"{where}: Outcomes column {column + 2} is {names[column]!r}")
        for row in outcomes.iter_rows(min_row=2, values_only=True):
            key, value = row[0], row[column + 1]
            flat = flatten(document)
            if not same(value, flat.get(key)):
                fail(f"{where}: Outcomes {key} of {document['name']} is {value!r}, "
                     f"the JSON has {flat.get(key)!r}")
        for title, keys in (("revenue_and_customers", ["revenue_and_customers"]),
                            ("monte_carlo.sensitivity", ["monte_carlo", "sensitivity"]),
                            ("monte_carlo.fan.months", ["monte_carlo", "fan", "months"])):
            node = document
            for key in keys:
                node = node.get(key) if isinstance(node, dict) else None
            if node:
                check_table(book[title], node, where, ("company", document["name"]))
    if "--samples" in extra and "monte_carlo.sensitivity" not in book.sheetnames:
        fail(f"{where}: no Monte Carlo sheets")


def check_run(path, extra=()):
    args = ["run", path] + list(extra)
    where = " ".join(args)
    document = json_of(args)
    book, _ = workbook_of(args, os.path.basename(path) + ".xlsx")
    count = check_key_value(book["Outputs"], document, where, value_column=3)
    if count < 36:
        fail(f"{where}: Outputs has {count} rows, fewer than the 36 training outputs")
    formats = {r[0].value: r[2].number_format for r in book["Outputs"].iter_rows(min_row=2)}
    if "$" not in formats.get("cost.cloud_usd", ""):
        fail(f"{where}: cost.cloud_usd has format {formats.get('cost.cloud_usd')!r}")
    if "%" not in formats.get("mfu", ""):
        fail(f"{where}: mfu has format {formats.get('mfu')!r}")
    check_key_value(book["Inputs"], document, where, skip_prefixes=("scenario.",))


def check_sweep(path, extra):
    args = ["sweep", path, "--summary", "--no-progress"] + extra
    where = " ".join(args)
    document = json_of(args)
    book, _ = workbook_of(args, os.path.basename(path) + ".xlsx")
    check_key_value(book["Sweep"], document, where)
    summary = book["Summary"]
    header = [c.value for c in summary[1]]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    if len(rows) != len(document["outputs"]):
        fail(f"{where}: Summary has {len(rows)} outputs, the JSON {len(document['outputs'])}")
    for row in rows:
        statistics = document["outputs"][row[0]]
        for key, cell in zip(header[2:], row[2:]):
            if not same(cell, statistics[key]):
                fail(f"{where}: Summary {row[0]} {key} is {cell!r}, the JSON {statistics[key]!r}")
    for title in ("top", "pareto"):
        if title in document:
            check_table(book[title], document[title]["points"], where)


def check_deterministic():
    """The same company, written twice a second apart, is the same bytes."""
    args = ["company", "scenarios/companies/application.yaml", "--format", "xlsx", "-o"]
    first, second = os.path.join(WORK, "same_1.xlsx"), os.path.join(WORK, "same_2.xlsx")
    run(args + [first])
    time.sleep(1.1)
    run(args + [second])
    with open(first, "rb") as a, open(second, "rb") as b:
        if a.read() != b.read():
            fail("two workbooks of the same company differ: not deterministic")


def check_refused(args, where, expect_file_absent):
    result = run(args, check=False)
    lines = result.stderr.strip().splitlines()
    if result.returncode != 2 or len(lines) != 1:
        fail(f"{where}: exit {result.returncode}, stderr {result.stderr!r}; wanted one line, "
             "exit 2")
    if result.stdout:
        fail(f"{where}: wrote {len(result.stdout)} bytes to stdout")
    if expect_file_absent and os.path.exists(expect_file_absent):
        fail(f"{where}: left {expect_file_absent}")


def check_bad_outputs():
    company = ["company", "scenarios/companies/application.yaml", "--format", "xlsx"]
    check_refused(company, "xlsx without -o", None)
    missing = os.path.join(WORK, "no_such_dir", "out.xlsx")
    check_refused(company + ["-o", missing], "xlsx into a missing directory", missing)
    check_refused(company + ["-o", WORK + "/"], "xlsx onto a directory", None)
    refused = os.path.join(WORK, "plan.xlsx")
    check_refused(["serve", "scenarios/serving/chatgpt_semianalysis.yaml", "--format", "xlsx", "-o",
                   refused], "serve has no workbook", refused)
    check_refused(["sweep", "scenarios/sweeps/params_tokens_a100.yaml", "--format", "xlsx",
                   "-o", refused], "sweep points have no workbook", refused)
    check_refused(company + ["--tornado", "-o", refused], "company --tornado", refused)
    leftovers = [n for n in os.listdir(WORK) if ".tmp." in n]
    if leftovers:
        fail(f"temporary files left behind: {leftovers}")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    for path in ("general_model.yaml", "vertical_model.yaml", "application.yaml"):
        check_company("scenarios/companies/" + path)
    check_company("scenarios/companies/china_general_model.yaml", "CNY")
    check_compare(["scenarios/companies/general_model.yaml",
                   "scenarios/companies/vertical_model.yaml",
                   "scenarios/companies/application.yaml"],
                  ["--samples", "2000", "--raise", "$50M", "--device", "cpu", "--threads", "2"])
    check_run("scenarios/examples/gpt3_on_a100.yaml")
    check_run("scenarios/examples/llama3_405b_reliability.yaml",
              ["--reliability-samples", "200", "--threads", "2"])
    check_sweep("scenarios/sweeps/params_tokens_a100.yaml",
                ["--top", "5", "--pareto", "--device", "cpu", "--threads", "2"])
    check_deterministic()
    check_bad_outputs()
    sizes = {n: os.path.getsize(os.path.join(WORK, n)) for n in sorted(os.listdir(WORK))
             if n.endswith(".xlsx")}
    print("workbooks:", ", ".join(f"{n} {s / 1024:.0f} KiB" for n, s in sizes.items()))
    for message in failures:
        print("FAIL:", message)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
