"""Timing helpers: percentiles of repeated calls, a result table, JSON output.

Every figure with a baseline is measured in the same run as its baseline, so
the ratio means something on a shared, noisy machine.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass
class Result:
    name: str
    unit: str
    p50: float
    p99: float
    target: str = ""
    baseline: str | None = None
    baseline_p50: float | None = None
    ratio: float | None = None
    n: int = 0


def percentile(samples: list[float], q: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def measure(fn: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Milliseconds per call of `fn`, `repeat` times after `warmup` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def result(name: str, samples: list[float], target: str = "", unit: str = "ms",
           baseline: tuple[str, list[float]] | None = None) -> Result:
    out = Result(name, unit, round(percentile(samples, 50), 4), round(percentile(samples, 99), 4),
                 target, n=len(samples))
    if baseline:
        out.baseline = baseline[0]
        out.baseline_p50 = round(percentile(baseline[1], 50), 4)
        out.ratio = round(out.p50 / out.baseline_p50, 2) if out.baseline_p50 else None
    return out


def print_table(results: list[Result]) -> None:
    head = f"{'benchmark':<52} {'p50':>10} {'p99':>10}  {'baseline p50':>12} {'ratio':>6}  target"
    print(head)
    print("-" * len(head))
    for r in results:
        base = f"{r.baseline_p50:.3f}" if r.baseline_p50 is not None else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        print(f"{r.name:<52} {r.p50:>8.3f}{r.unit:>2} {r.p99:>8.3f}{r.unit:>2}  {base:>12} "
              f"{ratio:>6}  {r.target}")


def write_json(path: str, results: list[Result], machine: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"machine": machine, "results": [asdict(r) for r in results]}, fh, indent=2)
