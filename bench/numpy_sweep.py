#!/usr/bin/python3
"""The benchmark grid (bench/grid_params_tokens.yaml) as vectorised numpy, the way such sweeps
are written today, timed against llmbudget's CPU backend on the same points and summaries.

Usage: numpy_sweep.py LLMBUDGET THREADS
Prints both rates, the ratio, and checks that the two agree on every output's mean.
"""
import json
import re
import subprocess
import sys
import time

import numpy as np

SECONDS_PER_HOUR = 3600.0
SECONDS_PER_YEAR = 365.0 * 24.0 * SECONDS_PER_HOUR


def count_range(start, stop, steps):
    """llmbudget's log range of counts: whole numbers between whole ends, ends exact."""
    t = np.arange(steps) / (steps - 1)
    values = np.round(np.exp(np.log(start) + t * (np.log(stop) - np.log(start))))
    values[0], values[-1] = start, stop
    return values


def evaluate(i, params, tokens):
    """The training-cost model of kernels/training_run.h for a dense model without an
    architecture block, utilisation given as MFU, in the same order of operations."""
    flop_params = params
    model_flop = 6.0 * flop_params * tokens
    hardware_flop = model_flop  # no recomputation in the base scenario
    out = {}
    out["flops"] = model_flop
    out["hardware_flops"] = hardware_flop
    out["development_flops"] = model_flop * i["development_multiplier"]
    wall_s = model_flop / (i["gpu_count"] * i["peak_flop_per_s"] * i["mfu"])
    out["wall_days"] = wall_s / 86400.0
    out["gpu_hours"] = i["gpu_count"] * wall_s / SECONDS_PER_HOUR
    peak_cluster_flop = i["gpu_count"] * i["peak_flop_per_s"] * wall_s
    out["mfu"] = model_flop / peak_cluster_flop
    out["hfu"] = hardware_flop / peak_cluster_flop
    facility_power_w = i["gpu_count"] * i["server_power_per_gpu_w"] * i["pue"]
    out["facility_power_mw"] = np.full_like(wall_s, facility_power_w * 1e-6)
    energy_kwh = facility_power_w * i["average_power_fraction"] * wall_s / SECONDS_PER_HOUR / 1000.0
    out["energy_mwh"] = energy_kwh * 1e-3
    out["co2_t"] = energy_kwh * i["grid_kg_co2_per_kwh"] * 1e-3
    purchase_gpus = i["gpu_count"] * i["gpu_price_usd"]
    purchase_cluster = purchase_gpus * i["server_cost_factor"] * i["interconnect_cost_factor"]
    out["cost.purchase_gpus_usd"] = np.full_like(wall_s, purchase_gpus)
    out["cost.purchase_cluster_usd"] = np.full_like(wall_s, purchase_cluster)
    start_value = purchase_cluster * np.exp(-i["depreciation_per_year"] * i["hardware_age_years"])
    amortized_hw = start_value * -np.expm1(-i["depreciation_per_year"] * (wall_s / SECONDS_PER_YEAR))
    energy_usd = energy_kwh * i["electricity_usd_per_kwh"]
    amortized = amortized_hw + energy_usd
    cloud = out["gpu_hours"] * i["cloud_usd_per_gpu_hour"]
    out["cost.amortized_hardware_usd"] = amortized_hw
    out["cost.energy_usd"] = energy_usd
    out["cost.amortized_usd"] = amortized
    out["cost.cloud_usd"] = cloud
    out["cost.development_usd"] = amortized * i["development_multiplier"]
    out["cost.amortized_usd_per_eflop"] = amortized / model_flop * 1e18
    out["cost.cloud_usd_per_eflop"] = cloud / model_flop * 1e18
    return out


def summarise(outputs):
    return {key: {"min": v.min(), "max": v.max(), "mean": v.mean(), "sd": v.std(ddof=1),
                  "quantiles": np.percentile(v, [5, 10, 50, 90, 95])}
            for key, v in outputs.items()}


def main():
    llmbudget, threads = sys.argv[1], sys.argv[2]
    base = json.loads(subprocess.run([llmbudget, "run", "scenarios/examples/a100_cluster_7b.yaml", "--format", "json"],
                                     check=True, capture_output=True, text=True).stdout)["model_inputs"]
    params = count_range(1e9, 1e12, 4000)
    tokens = count_range(20e9, 20e12, 1000)

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        p, t = np.meshgrid(params, tokens, indexing="ij")  # last axis fastest, as llmbudget
        summary = summarise(evaluate(base, p.ravel(), t.ravel()))
        best = min(best, time.perf_counter() - start)
    points = params.size * tokens.size

    def sweep():
        """llmbudget's summary and the seconds it took (its run facts, on stderr)."""
        done = subprocess.run([llmbudget, "sweep", "bench/grid_params_tokens.yaml", "--summary", "--format",
                               "json", "--device", "cpu", "--threads", threads, "--no-progress"],
                              check=True, capture_output=True, text=True)
        seconds = float(re.search(r" in ([0-9.e+-]+) s: ", done.stderr).group(1))
        return json.loads(done.stdout), seconds

    ours, ours_seconds = sweep()
    ours_seconds = min(ours_seconds, *(sweep()[1] for _ in range(2)))

    worst = 0.0
    for key, stats in summary.items():
        theirs = ours["outputs"][key]["mean"]
        worst = max(worst, abs(stats["mean"] - theirs) / max(abs(theirs), 1e-300))
    print(f"grid of {points:,} points: numpy evaluates and summarises {len(summary)} outputs, "
          f"llmbudget all {len(ours['outputs'])}")
    print(f"  numpy (vectorised, 1 thread):     {points / best:12.4g} points/s  ({best:.3f} s)")
    print(f"  llmbudget CPU ({threads} threads):        {points / ours_seconds:12.4g} points/s  ({ours_seconds:.3f} s)")
    print(f"  llmbudget / numpy:                {best / ours_seconds:12.3g}x")
    print(f"  largest relative difference of an output's mean: {worst:.2e}")
    if worst > 1e-9:
        sys.exit("numpy and llmbudget disagree")


if __name__ == "__main__":
    main()
