"""`opvoedkit batch`: many packs, isolated rows, a report, incremental reruns."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from opvoedkit.builder import KINDS

from .conftest import EXAMPLES

EXERCISES = "kennismaken-wie-zit-er-aan-tafel;beeld-van-elkaar;wat-staat-in-de-weg"


def _dutch_excel_csv(folder: Path) -> Path:
    """A CSV as Excel writes it in a Dutch locale: BOM, ';' between fields, CRLF."""
    Image.new("RGB", (60, 30), "teal").save(folder / "logo.png")
    rows = [
        ["municipality", "date", "participants", "audience", "exercises", "branding.logo"],
        ["'s-Hertogenbosch", "2027-03-18", "24", "professionals;informal", EXERCISES, "logo.png"],
        ["Súdwest-Fryslân", "2027-03-19", "", "professionals;informal", EXERCISES, ""],
        ["Bergen (L.)", "2027-03-20", "", "informal", EXERCISES, ""],
        ["Bergen (NH.)", "2027-03-21", "", "informal", EXERCISES, ""],
        ["Nuenen, Gerwen en Nederwetten", "2027-03-22", "", "policy", EXERCISES, ""],
        ["Ongeldigdorp", "2027-03-23", "veel", "professionals", "stellingspel", ""],
        ["Zonderlogo", "2027-03-24", "", "professionals", EXERCISES, "ontbreekt.png"],
    ]
    path = folder / "gemeenten.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    return path


def test_csv_batch_builds_good_rows_reports_bad_ones_and_skips_on_rerun(tmp_path: Path,
                                                                       run_cli) -> None:
    source = _dutch_excel_csv(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", source, "-o", out, "-j", "2")
    assert result.exit_code == 1
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    rows = {r["municipality"]: r for r in report["rows"]}
    assert report["totals"] == {"ok": 5, "failed": 2, "skipped": 0}
    for name, slug in [("'s-Hertogenbosch", "s-hertogenbosch"),
                       ("Súdwest-Fryslân", "sudwest-fryslan"), ("Bergen (L.)", "bergen-l"),
                       ("Bergen (NH.)", "bergen-nh"),
                       ("Nuenen, Gerwen en Nederwetten", "nuenen-gerwen-en-nederwetten")]:
        row = rows[name]
        assert row["status"] == "ok", row
        assert row["slug"] == slug
        assert row["manifest"] == f"{slug}/manifest.json"
        manifest = json.loads((out / row["manifest"]).read_text(encoding="utf-8"))
        assert manifest["municipality"] == name
        assert {f["kind"] for f in manifest["files"]} == set(KINDS)
    bad = rows["Ongeldigdorp"]
    assert bad["status"] == "failed"
    assert "gemeenten.csv:7:" in bad["error"]
    assert "stellingspel" in bad["error"] and "participants" in bad["error"]
    assert "gemeenten.csv:8:6: `branding.logo`: file not found" in rows["Zonderlogo"]["error"]
    assert not (out / "ongeldigdorp").exists()
    assert set(rows["Ongeldigdorp"]) == {"municipality", "slug", "status", "error", "warnings",
                                         "seconds", "manifest"}

    again = run_cli("batch", source, "-o", out, "-j", "2")
    assert again.exit_code == 1
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"ok": 0, "failed": 2, "skipped": 5}

    forced = run_cli("batch", source, "-o", out, "--force", "-j", "1", "--fail-fast")
    assert forced.exit_code == 1


def test_yaml_batch_example(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    result = run_cli("batch", EXAMPLES / "batch-regio.yaml", "-o", out, "-j", "2")
    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert report["totals"]["ok"] == 5
    assert {r["slug"] for r in report["rows"]} == {
        "s-hertogenbosch", "sudwest-fryslan", "bergen-l", "bergen-nh",
        "nuenen-gerwen-en-nederwetten"}
    evening = json.loads((out / "bergen-nh" / "manifest.json").read_text(encoding="utf-8"))
    assert evening["program"]["dayparts"][0]["start"] == "19:00"


def test_duplicate_slugs_are_an_input_error_before_anything_runs(tmp_path: Path,
                                                                run_cli) -> None:
    batch = tmp_path / "b.yaml"
    (tmp_path / "basis.yaml").write_bytes((EXAMPLES / "basis-regio.yaml").read_bytes())
    batch.write_text("base: basis.yaml\nsessions:\n"
                     "  - municipality: Bergen (L.)\n  - municipality: Bergen L\n",
                     encoding="utf-8")
    result = run_cli("batch", batch, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "b.yaml:4:19:" in result.stderr
    assert "bergen-l" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "message"), [
    ("sessions: []\n", "`sessions` must be a list"),
    ("base: 3\nsessions:\n  - municipality: A\n", "`base` must be a path"),
    ("base: {}\nrows: []\n", "needs `sessions:`"),
])
def test_broken_batch_file_exits_2(tmp_path: Path, run_cli, text: str, message: str) -> None:
    batch = tmp_path / "b.yaml"
    batch.write_text(text, encoding="utf-8")
    result = run_cli("batch", batch, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert message in result.stderr


def test_csv_formula_and_unknown_column(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "f.csv"
    path.write_text("municipality,audiense\n=HYPERLINK(\"x\"),policy\n", encoding="utf-8")
    result = run_cli("batch", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "f.csv:1:2: unknown column `audiense`" in result.stderr
    # A formula or a cell too many spoils its own row only: the other rows are built.
    path.write_text("municipality;audience;exercises\n=HYPERLINK(\"x\");policy;auto\n"
                    "Ede;policy;auto\nEpe;policy;auto;extra\n",
                    encoding="utf-8")
    result = run_cli("batch", path, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 1, result.stderr
    assert "f.csv:2:1:" in result.stderr and "formula" in result.stderr
    report = json.loads((tmp_path / "out" / "batch-report.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in report["rows"]] == ["failed", "ok", "failed"]
    assert "f.csv:4:" in report["rows"][2]["error"]


def test_a_batch_writes_the_same_bytes_as_single_builds(tmp_path: Path, run_cli) -> None:
    # One worker builds every row, so whatever it remembers from a row (parsed texts, line
    # breaks, font subsets) is used for the next; each pack must still equal its own
    # fresh single build, made in a process of its own.
    base = (EXAMPLES / "basis-regio.yaml").read_text(encoding="utf-8")
    rows = [("'s-Hertogenbosch", "2027-03-18", "s-hertogenbosch"),
            ("Súdwest-Fryslân", "2027-03-25", "sudwest-fryslan"),
            ("Nuenen, Gerwen en Nederwetten", "2027-04-15", "nuenen-gerwen-en-nederwetten")]
    (tmp_path / "basis.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "batch.yaml").write_text("base: basis.yaml\nsessions:\n" + "".join(
        f"  - municipality: \"{name}\"\n    date: {date}\n" for name, date, _ in rows),
        encoding="utf-8")
    result = run_cli("batch", tmp_path / "batch.yaml", "-o", tmp_path / "batch", "-j", "1")
    assert result.exit_code == 0, result.stderr
    for name, date, slug in rows:
        session = tmp_path / f"{slug}.yaml"
        session.write_text(base.replace("municipality: Wordt per gemeente ingevuld",
                                        f"municipality: \"{name}\"\ndate: {date}"),
                           encoding="utf-8")
        single = tmp_path / "single" / slug
        subprocess.run([sys.executable, "-m", "opvoedkit", "build", str(session), "-o",
                        str(single)], check=True, capture_output=True)
        batch = tmp_path / "batch" / slug
        names = sorted(p.name for p in single.iterdir())
        assert names == sorted(p.name for p in batch.iterdir())
        for file in names:
            assert (single / file).read_bytes() == (batch / file).read_bytes(), (slug, file)


def _rows(tmp_path: Path, *rows: str) -> Path:
    batch = tmp_path / "b.yaml"
    # beeld-van-elkaar is not written for policy officers: every row has that warning
    batch.write_text("base:\n  audience: [policy]\n  exercises: [beeld-van-elkaar, auto]\n"
                     "sessions:\n" + "".join(f"  - {row}\n" for row in rows), encoding="utf-8")
    return batch


def test_fail_fast_stops_at_an_invalid_row_before_building(tmp_path: Path, run_cli) -> None:
    batch = _rows(tmp_path, "{municipality: Ede}", "{municipality: Epe, dayparts: 9}",
                  "{municipality: Ees, dayparts: nul}", "{municipality: Elp}")
    result = run_cli("batch", batch, "-o", tmp_path / "out", "--fail-fast")
    assert result.exit_code == 1
    report = json.loads((tmp_path / "out" / "batch-report.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"ok": 0, "failed": 2, "skipped": 2}
    assert not (tmp_path / "out" / "ede").exists()


def test_more_jobs_than_cores_are_capped_and_said(tmp_path: Path, run_cli) -> None:
    from opvoedkit.stopping import usable_cores

    names = [f"{{municipality: Plaats {n}}}" for n in range(usable_cores() + 1)]
    result = run_cli("batch", _rows(tmp_path, *names), "-o", tmp_path / "out", "-j", "64")
    assert result.exit_code == 0, result.stderr
    assert f"using {usable_cores()} parallel workers, not 64" in result.stderr


def test_two_rounds_in_one_municipality_get_a_folder_each(tmp_path: Path, run_cli) -> None:
    batch = _rows(tmp_path, "{municipality: Súdwest-Fryslân, date: 2027-03-18}",
                  "{municipality: Súdwest-Fryslân, date: 2027-09-16}")
    result = run_cli("batch", batch, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == [
        "sudwest-fryslan-2027-03-18", "sudwest-fryslan-2027-09-16"]


def test_warnings_reach_the_batch_output_and_strict_fails_those_rows(tmp_path: Path,
                                                                    run_cli) -> None:
    batch = _rows(tmp_path, "{municipality: Ede}", "{municipality: Epe, exercises: "
                  "[beeld-van-elkaar, stellingenspel, vormen-van-samenwerking, "
                  "rollen-van-de-gemeente, wat-staat-in-de-weg]}")
    lenient = run_cli("batch", batch, "-o", tmp_path / "out", "-j", "1")
    report = json.loads((tmp_path / "out" / "batch-report.json").read_text(encoding="utf-8"))
    warned = [r for r in report["rows"] if r["warnings"]]
    assert warned, "the fixture needs a row with a warning"
    for row in warned:
        assert "warning: b.yaml:" in lenient.stderr and row["warnings"][0] in lenient.stderr
    strict = run_cli("batch", batch, "-o", tmp_path / "strict", "-j", "1", "--strict")
    assert strict.exit_code == 1
    report = json.loads((tmp_path / "strict" / "batch-report.json").read_text(encoding="utf-8"))
    for row in report["rows"]:
        assert (row["status"] == "failed") == bool(row["warnings"])
        if row["warnings"]:
            assert "warning (--strict)" in row["error"]
