"""Benchmarks for opvoedkit, each measured side by side with its reference in one run.

    python benchmarks/run.py            # the full set: batches of 10, 100 and 342 rows
    python benchmarks/run.py --quick    # fewer rounds, batches of 10 and 100 rows

Prints medians and the ratios against the targets of issue 9, and writes benchmarks/results.json.
It installs nothing; the pandoc row is skipped with a message when pandoc is missing
(Debian: apt-get install pandoc).
"""

from __future__ import annotations

import argparse
import compileall
import json
import platform
import shutil
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
PREFIXES = ["Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Sint", "Ter"]
STEMS = ["brug", "dam", "veen", "horst", "wijk", "hoven", "dijk", "meer", "wolde", "sum",
         "ŝtêd", "mûne", "zand", "berg", "beek", "laar", "rade", "gaast", "weerd", "kerk"]


def walls(command: list[str], rounds: int) -> list[float]:
    """Wall times of a command over several rounds, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


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


def batch_run(batch: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of any process of the run) for one forced batch."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
             "print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([PYTHON, "-c", probe, *OPVOEDKIT, "batch", str(batch), "-o", str(out),
                           "-j", str(jobs), "--force"], check=True, capture_output=True,
                          text=True)
    seconds, rss_kb = done.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def pandoc_reference(folder: Path) -> list[str] | None:
    """The command that has pandoc turn our deck's slides and notes (exported as Markdown)
    into a .pptx; None without pandoc."""
    if shutil.which("pandoc") is None:
        print("pandoc row skipped: pandoc is not installed (apt-get install pandoc)")
        return None
    from opvoedkit.compose import compose
    from opvoedkit.preflight import prepare
    from opvoedkit.render.slides import outline

    lines = []
    for slide in outline(compose(prepare(EXAMPLE))):
        lines += [f"# {slide.title}", ""]
        lines += ["- " + "".join(span.text for span in bullet) for bullet in slide.bullets]
        lines += ["", "::: notes", slide.notes, ":::", ""]
    source = folder / "deck.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    return ["pandoc", str(source), "-o", str(folder / "pandoc.pptx")]


def main() -> None:
    """Run every comparison and print the ratios against the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 342-row batch")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds of each start-up and single-pack command (7; quick: 3)")
    parser.add_argument("--batch-rounds", type=int, default=None,
                        help="rounds of each batch (3; quick: 1)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 7)
    batch_rounds = args.batch_rounds or (1 if args.quick else 3)
    sizes = [10, 100] if args.quick else [10, 100, 342]
    results: dict[str, object] = {"machine": platform.platform(),
                                  "python": platform.python_version(), "rounds": rounds,
                                  "batch_rounds": batch_rounds}
    rows: list[tuple[str, float, float]] = []
    # As after `pip install`, which compiles the package: an editable install run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile opvoedkit anew in every process.
    import opvoedkit

    compileall.compile_dir(Path(opvoedkit.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        commands = {"typer": [PYTHON, "-c", "import typer"], "help": [*OPVOEDKIT, "--help"],
                    "list": [*OPVOEDKIT, "list-exercises"]}
        starts: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):  # turn and turn about, like every comparison here
            for name, command in commands.items():
                starts[name] += walls(command, 1)
        typer, help_, listing = (statistics.median(starts[name]) for name in commands)
        results["startup"] = {"import_typer": typer, "help": help_, "list_exercises": listing}
        rows += [("--help / import typer", help_ / typer, 1.5),
                 ("list-exercises / import typer", listing / typer, 1.5)]

        build = [*OPVOEDKIT, "build", str(EXAMPLE), "-o", str(folder / "single"), "--force"]
        pandoc_command = pandoc_reference(folder)
        singles: list[float] = []
        pandocs: list[float] = []

        def single_rounds(count: int) -> None:
            for _ in range(count):  # side by side, turn and turn about
                singles.extend(walls(build, 1))
                pandocs.extend(walls(pandoc_command, 1) if pandoc_command else [])

        single_rounds(rounds)

        # Batch rounds alternate with more single builds (and pandoc runs): a machine that
        # slows down during the run then slows both sides of each ratio.
        files = {size: write_batch(folder, size) for size in sizes}
        times: dict[int, list[float]] = {size: [] for size in sizes}
        peaks: dict[int, float] = dict.fromkeys(sizes, 0.0)
        for _ in range(batch_rounds):
            for size in sizes:
                seconds, rss = batch_run(files[size], folder / f"out-{size}", args.jobs)
                times[size].append(seconds)
                peaks[size] = max(peaks[size], rss)
                print(f"batch of {size}: {seconds:.1f} s, {seconds / size * 1000:.0f} ms per "
                      f"pack, peak RSS {rss:.0f} MB")
            single_rounds(2)
        single = statistics.median(singles)
        pandoc = statistics.median(pandocs) if pandocs else None
        results["single_pack"] = {"opvoedkit_build": single, "pandoc_deck": pandoc}
        if pandoc:
            rows.append(("one pack / pandoc deck", single / pandoc, 2.5))
        batches = {size: {"seconds": statistics.median(times[size]),
                          "per_pack": statistics.median(times[size]) / size,
                          "peak_rss_mb": peaks[size]} for size in sizes}
        results["batch"] = batches
        rows.append(("batch 100 / 100 single builds", batches[100]["seconds"] / (100 * single),
                     0.15))
        if 342 in batches:
            rows.append(("batch 342 / batch 100", batches[342]["seconds"] /
                         batches[100]["seconds"], 3.6))
        rows.append(("peak RSS per process (MB)", max(b["peak_rss_mb"] for b in
                                                      batches.values()), 120))

    print(f"\n{'comparison':36} {'measured':>9} {'target':>8}")
    for label, value, target in rows:
        verdict = "ok" if value <= target else "OVER"
        print(f"{label:36} {value:9.2f} {target:8.2f}  {verdict}")
    results["ratios"] = {label: {"value": value, "target": target} for label, value, target
                         in rows}
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
