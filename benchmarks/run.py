"""Benchmarks for opvoedkit, each measured side by side with its reference in one run.

    python benchmarks/run.py            # everything: batches of 100 and 342 rows
    python benchmarks/run.py --quick    # fewer rounds, no 342-row batch

Every comparison takes turns with its reference (a, b, a, b, ...), its ratio is worked out
within each round and the median of those ratios is checked against the targets of issue 21.
Results go to benchmarks/results.json. It installs nothing.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ochtend-twee-werelden.yaml"
PYTHON = sys.executable
OPVOEDKIT = [PYTHON, "-m", "opvoedkit"]
# What a default pack's renderers import: the deck, the PDFs, the calendar. Word files will add
# python-docx; it is in the floor as soon as it is installed.
FLOOR_MODULES = ["pptx", "reportlab.platypus", "reportlab.pdfgen.canvas",
                 "reportlab.pdfbase.ttfonts", "icalendar"]
OPTIONAL_FLOOR_MODULES = ["docx"]
TARGETS = {
    "--help / import typer": 1.5,
    "list-exercises / import typer": 3.0,
    "one pack / import floor": 3.0,
    "batch 100 / 100 single builds": 0.15,
    "batch 342 / batch 100": 3.6,
    "peak RSS of a batch process (MB)": 150.0,
}
PREFIXES = ["Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Sint", "Ter"]
STEMS = ["brug", "dam", "veen", "horst", "wijk", "hoven", "dijk", "meer", "wolde", "sum",
         "ŝtêd", "mûne", "zand", "berg", "beek", "laar", "rade", "gaast", "weerd", "kerk"]


def floor_modules() -> list[str]:
    """The modules of the import floor that are installed here."""
    return FLOOR_MODULES + [m for m in OPTIONAL_FLOOR_MODULES if importlib.util.find_spec(m)]


def wall(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of a command, in seconds."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - started


def take_turns(commands: dict[str, list[str]], rounds: int,
               env: dict[str, str]) -> dict[str, list[float]]:
    """Wall times of each command over ``rounds`` rounds, the commands taking turns."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(wall(command, env))
    return times


def ratio(times: dict[str, list[float]], name: str, reference: str) -> float:
    """The median over the rounds of each round's ratio of ``name`` to ``reference``."""
    return statistics.median(a / b for a, b in zip(times[name], times[reference], strict=True))


def names(count: int) -> list[str]:
    """Distinct, Dutch-looking municipality names (with some Frisian accents)."""
    result = []
    for index in range(count):
        prefix, stem = PREFIXES[index % len(PREFIXES)], STEMS[(index // 10) % len(STEMS)]
        result.append(f"{prefix}{stem} {index // 200 + 1}" if index >= 200 else
                      f"{prefix}{stem}")
    return result


def write_batch(folder: Path, count: int) -> Path:
    """A YAML batch of ``count`` municipalities on the example session."""
    (folder / "basis.yaml").write_bytes(EXAMPLE.read_bytes())
    rows = "".join(f"  - municipality: \"{name}\"\n" for name in names(count))
    path = folder / f"batch-{count}.yaml"
    path.write_text(f"base: basis.yaml\nsessions:\n{rows}", encoding="utf-8")
    return path


def batch_run(batch: Path, out: Path, jobs: int, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of any process of the run) for one forced batch."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
             "print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([PYTHON, "-c", probe, *OPVOEDKIT, "batch", str(batch), "-o", str(out),
                           "-j", str(jobs), "--force"], check=True, capture_output=True,
                          text=True, env=env)
    seconds, rss_kb = done.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def measure(args: argparse.Namespace, folder: Path) -> tuple[dict[str, object],
                                                            dict[str, float]]:
    """Every comparison: (figures for results.json, the ratios by label)."""
    rounds = args.rounds or (5 if args.quick else 9)
    batch_rounds = args.batch_rounds or (1 if args.quick else 3)
    sizes = [100] if args.quick else [100, 342]
    # A cache folder of the run's own, filled once: list-exercises as after its first call.
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
    cold = wall([*OPVOEDKIT, "list-exercises"], env)
    figures: dict[str, object] = {"machine": platform.platform(),
                                  "python": platform.python_version(), "rounds": rounds,
                                  "batch_rounds": batch_rounds, "floor_modules": floor_modules()}
    ratios: dict[str, float] = {}

    starts = take_turns({"import_typer": [PYTHON, "-c", "import typer"],
                         "help": [*OPVOEDKIT, "--help"],
                         "list_exercises": [*OPVOEDKIT, "list-exercises"]}, rounds, env)
    startup = {name: statistics.median(t) for name, t in starts.items()}
    figures["startup"] = startup | {"list_exercises_cold_cache": cold}
    ratios["--help / import typer"] = ratio(starts, "help", "import_typer")
    ratios["list-exercises / import typer"] = ratio(starts, "list_exercises", "import_typer")

    pack = {"import_floor": [PYTHON, "-c", "import " + ", ".join(floor_modules())],
            "build": [*OPVOEDKIT, "build", str(EXAMPLE), "-o", str(folder / "single"),
                      "--force"]}
    singles = take_turns(pack, rounds, env)

    # Each batch round sits between single builds of its own: a machine that slows down during
    # the run then slows both sides of the round's ratio.
    files = {size: write_batch(folder, size) for size in sizes}
    batch_ratios: list[float] = []
    growth: list[float] = []
    seconds: dict[int, list[float]] = {size: [] for size in sizes}
    peak = 0.0
    for _ in range(batch_rounds):
        around = take_turns(pack, 3, env)
        for name in pack:
            singles[name] += around[name]
        for size in sizes:
            took, rss = batch_run(files[size], folder / f"out-{size}", args.jobs, env)
            seconds[size].append(took)
            peak = max(peak, rss)
            print(f"batch of {size}: {took:.1f} s, {took / size * 1000:.0f} ms per pack, "
                  f"peak RSS {rss:.0f} MB", flush=True)
        batch_ratios.append(seconds[100][-1] / (100 * statistics.median(around["build"])))
        if 342 in seconds:
            growth.append(seconds[342][-1] / seconds[100][-1])
    figures["single_pack"] = {name: statistics.median(t) for name, t in singles.items()}
    ratios["one pack / import floor"] = ratio(singles, "build", "import_floor")
    figures["batch"] = {str(size): {"seconds": statistics.median(seconds[size]),
                                    "per_pack": statistics.median(seconds[size]) / size}
                        for size in sizes}
    figures["peak_rss_mb"] = peak
    ratios["batch 100 / 100 single builds"] = statistics.median(batch_ratios)
    if growth:
        ratios["batch 342 / batch 100"] = statistics.median(growth)
    ratios["peak RSS of a batch process (MB)"] = peak
    return figures, ratios


def main() -> None:
    """Run every comparison, print the ratios against the targets and write the results."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 342-row batch")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds of the start-up and single-pack comparisons (9; quick: 5)")
    parser.add_argument("--batch-rounds", type=int, default=None,
                        help="rounds of the batches (3; quick: 1)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    # As after `pip install`, which compiles the package: an editable install run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile opvoedkit anew in every process.
    import opvoedkit

    compileall.compile_dir(Path(opvoedkit.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        figures, ratios = measure(args, Path(scratch))
    print(f"\n{'comparison':36} {'measured':>9} {'target':>8}")
    for label, value in ratios.items():
        verdict = "ok" if value <= TARGETS[label] else "OVER"
        print(f"{label:36} {value:9.3f} {TARGETS[label]:8.2f}  {verdict}")
    figures["quick"] = args.quick
    figures["ratios"] = {label: {"value": value, "target": TARGETS[label]}
                         for label, value in ratios.items()}
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
