#!/usr/bin/env python3
"""Seed corpora and dictionaries for the fuzz targets, generated from the tree (never copied by
hand): every bundled scenario and tests/data file a target reads, and the keys and units the
readers know, so that libFuzzer's mutations speak the input language from the start.

  fuzz/make_seeds.py OUT_DIR     writes OUT_DIR/corpus/TARGET/* and OUT_DIR/TARGET.dict
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Which files seed which target (globs relative to the source tree).
SEEDS = {
    "scenario": ["scenarios/examples/*.yaml", "scenarios/claims/*.yaml", "tests/data/bad/*.yaml",
                 "scenarios/companies/training/*.yaml"],
    "sweep": ["scenarios/sweeps/*.yaml", "tests/data/sweeps/*.yaml", "tests/data/bad_sweeps/*.yaml",
              "bench/*.yaml"],
    "company": ["scenarios/companies/*.yaml", "tests/data/companies/*.yaml",
                "tests/data/bad_companies/*.yaml"],
    "serving": ["scenarios/serving/*.yaml", "tests/data/bad_serving/*.yaml"],
    "data": ["scenarios/labelling/*.yaml", "tests/data/bad_data/*.yaml"],
    "claims": ["scenarios/claims/*.yaml"],
    "catalog": ["scenarios/catalog/hardware.yaml"],
    "runs_csv": ["scenarios/data/*.csv", "tests/data/**/*.csv"],
    "units": [],
    "set": [],
}

# Strings in the C++ readers: keys looked up and units parsed.
KEY_CALL = re.compile(
    r'(?:quantity|optional_quantity|optional_sourced|text|optional_text|choice|flag|child|'
    r'optional_child|child_or_empty|node|has|fail)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"')
LIST_STRING = re.compile(r'"([A-Za-z_][A-Za-z0-9_]{1,40})"')
UNIT_STRING = re.compile(r'\{\s*"([^"\s]{1,12})"\s*,')


def reader_keys():
    keys = set()
    for source in (ROOT / "sim").rglob("*.cpp"):
        text = source.read_text(errors="replace")
        keys.update(KEY_CALL.findall(text))
        for call in re.findall(r"reject_unknown\(\{([^}]*)\}", text):
            keys.update(LIST_STRING.findall(call))
    for yaml in ROOT.glob("scenarios/**/*.yaml"):
        keys.update(re.findall(r"^\s*-?\s*([A-Za-z_][A-Za-z0-9_]*):", yaml.read_text(), re.M))
    return sorted(keys)


def units():
    text = (ROOT / "sim" / "units.cpp").read_text()
    return sorted(set(UNIT_STRING.findall(text)) | {"%", "$", "k", "M", "B", "T"})


def escape(token):
    return token.replace("\\", "\\\\").replace('"', '\\"')


def main():
    out = pathlib.Path(sys.argv[1])
    keys, unit_names = reader_keys(), units()
    quantities = ["175B", "1.4T", "$10k", "$2.5/h", "0.08 $/kWh", "80GB", "2 TB/s",
                  "312 TFLOP/s", "3.14e23 FLOP", "400W", "90d", "0.429 kg/kWh", "40%",
                  "0.14 OOM/y", "$2/Mtok", "1e308", "1e-308", "nan", "inf", "-0", "0x1p-1074"]
    yaml_tokens = ["{dist: uniform, min: 1, max: 2}", "{from: 1, to: 2, steps: 3}", "[", "]",
                   "{", "}", ": ", "- ", "&a ", "*a", "---", "|", ">", "!!str ", '"', "'"]
    for target, globs in SEEDS.items():
        corpus = out / "corpus" / target
        corpus.mkdir(parents=True, exist_ok=True)
        n = 0
        for pattern in globs:
            for path in sorted(ROOT.glob(pattern)):
                if path.is_file() and path.stat().st_size <= 64 * 1024:
                    (corpus / f"seed_{n:04d}").write_bytes(path.read_bytes())
                    n += 1
        if target == "units":
            for q in quantities:
                (corpus / f"seed_{n:04d}").write_text(q)
                n += 1
        if target == "set":
            for s in ["hardware.count=2048", "training.mfu=35%", "cost.cloud_usd_per_gpu_hour=$2/h",
                      "model={params: 13B}", "hardware.gpu=H100-SXM", "training.duration=30d",
                      "model.architecture={layers: 32, hidden: 4096, heads: 32, vocab: 32000, "
                      "seq_len: 2048}"]:
                (corpus / f"seed_{n:04d}").write_text(s)
                n += 1
        tokens = keys + unit_names + quantities + yaml_tokens
        if target in ("units",):
            tokens = unit_names + quantities
        with open(out / f"{target}.dict", "w") as d:
            for i, token in enumerate(dict.fromkeys(tokens)):
                d.write(f't{i}="{escape(token)}"\n')
    print(f"{len(keys)} keys, {len(unit_names)} units")


if __name__ == "__main__":
    main()
