"""opvoedkit removes or replaces only files its own manifest lists with the checksum it wrote.

Every case here is a way a person lost work before: ``-o . --force``, a batch that forced its
writes, two scripts that slugged to one folder, an edited deck overwritten on rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoedkit import slugify
from opvoedkit.builder import FILE_NAMES

SESSION = "municipality: {name}\ndate: 2027-03-18\naudience: [professionals, informal]\n" \
          "exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar]\nallow_slack: true\n"


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "werk" / "s.yaml"
    path.parent.mkdir()
    path.write_text(SESSION.format(name="Ede"), encoding="utf-8")
    return path


def test_force_into_the_working_folder_is_refused_and_deletes_nothing(
        session: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    work = session.parent
    (work / "thesis.docx").write_bytes(b"my thesis")
    (work / "data").mkdir()
    (work / "data" / "cijfers.csv").write_text("1;2\n", encoding="utf-8")
    before = _contents(work)
    monkeypatch.chdir(work)
    for args in (["-o", "."], ["-o", ".", "--force"], ["-o", str(work), "--force"]):
        result = run_cli("build", "s.yaml", *args)
        assert result.exit_code == 2, result.stderr
        assert "folder of its own" in result.stderr
        assert _contents(work) == before


def test_a_folder_that_is_not_a_pack_is_refused_even_with_force(session: Path, run_cli) -> None:
    out = session.parent.parent / "rapporten"
    out.mkdir()
    (out / "begroting.xlsx").write_bytes(b"euro's")
    for extra in ([], ["--force"]):
        result = run_cli("build", session, "-o", out, "--only", "calendar", *extra)
        assert result.exit_code == 2
        assert "not an opvoedkit pack" in result.stderr and "begroting.xlsx" in result.stderr
    assert _contents(out) == {"begroting.xlsx": b"euro's"}


def test_added_files_stop_the_build_and_stay_with_force(session: Path, run_cli) -> None:
    out = session.parent.parent / "pack"
    assert run_cli("build", session, "-o", out).exit_code == 0
    (out / "notities.txt").write_text("van mij", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "begroting.xlsx").write_bytes(b"x")
    refused = run_cli("build", session, "-o", out)
    assert refused.exit_code == 2
    assert "notities.txt" in refused.stderr and "sub" in refused.stderr
    forced = run_cli("build", session, "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (out / "notities.txt").read_text(encoding="utf-8") == "van mij"
    assert (out / "sub" / "begroting.xlsx").read_bytes() == b"x"


def test_an_edited_deck_is_never_overwritten(session: Path, run_cli) -> None:
    out = session.parent.parent / "pack"
    assert run_cli("build", session, "-o", out).exit_code == 0
    deck = out / FILE_NAMES["deck"]
    original = deck.read_bytes()
    deck.write_bytes(original + b"edited in PowerPoint")
    refused = run_cli("build", session, "-o", out)
    assert refused.exit_code == 2
    assert "presentatie.pptx changed after opvoedkit wrote it" in refused.stderr
    assert deck.read_bytes() == original + b"edited in PowerPoint"
    forced = run_cli("build", session, "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "kept aside: presentatie.bewerkt-1.pptx" in forced.stderr
    assert (out / "presentatie.bewerkt-1.pptx").read_bytes() == original + b"edited in PowerPoint"
    assert deck.read_bytes() == original  # the same input gives the same bytes
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "presentatie.bewerkt-1.pptx" not in [f["path"] for f in manifest["files"]]


def test_an_unchanged_pack_is_rebuilt_without_force(session: Path, run_cli) -> None:
    out = session.parent.parent / "pack"
    assert run_cli("build", session, "-o", out).exit_code == 0
    first = _contents(out)
    again = run_cli("build", session, "-o", out)
    assert again.exit_code == 0, again.stderr
    assert _contents(out) == first


def test_names_in_other_scripts_get_folders_of_their_own(tmp_path: Path, run_cli,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert slugify("Москва") == "moskva"
    assert slugify("Αθήνα") == "athina"
    assert slugify("الجسر") not in ("pack", "")
    assert slugify("'s-Hertogenbosch") == "s-hertogenbosch"
    assert slugify("Bergen (L.)") == "bergen-l"
    monkeypatch.chdir(tmp_path)
    for name in ("Москва", "Αθήνα"):
        (tmp_path / f"{name}.yaml").write_text(SESSION.format(name=name), encoding="utf-8")
        result = run_cli("build", f"{name}.yaml", "--only", "calendar")
        assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["athina", "moskva"]


def test_another_municipality_never_takes_over_a_pack_folder(tmp_path: Path, run_cli) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(SESSION.format(name="Bergen (L.)"), encoding="utf-8")
    second.write_text(SESSION.format(name="Bergen L"), encoding="utf-8")
    out = tmp_path / "pack"
    assert run_cli("build", first, "-o", out, "--only", "calendar").exit_code == 0
    refused = run_cli("build", second, "-o", out, "--only", "calendar")
    assert refused.exit_code == 2
    assert "holds the pack for Bergen (L.), not for Bergen L" in refused.stderr


def test_pack_folders_follow_the_umask(session: Path, run_cli) -> None:
    old = os.umask(0o022)
    try:
        out = session.parent.parent / "gedeeld" / "pack"
        assert run_cli("build", session, "-o", out).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name


def test_a_batch_keeps_files_people_put_in_its_folders(tmp_path: Path, run_cli) -> None:
    batch = tmp_path / "b.yaml"
    batch.write_text("base:\n  audience: [professionals]\n  exercises: [beeld-van-elkaar]\n"
                     "  allow_slack: true\n"
                     "sessions:\n  - municipality: Ede\n  - municipality: Epe\n",
                     encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("batch", batch, "-o", out, "-j", "1").exit_code == 0
    (out / "ede" / "notities.txt").write_text("van mij", encoding="utf-8")
    (out / "ede" / "sub").mkdir()
    (out / "ede" / "sub" / "begroting.xlsx").write_bytes(b"x")
    (out / "epe" / FILE_NAMES["handbook"]).write_bytes(b"edited")
    for extra in ([], ["--force"]):
        run_cli("batch", batch, "-o", out, "-j", "1", *extra)
        assert (out / "ede" / "notities.txt").read_text(encoding="utf-8") == "van mij"
        assert (out / "ede" / "sub" / "begroting.xlsx").read_bytes() == b"x"
    assert (out / "epe" / "handleiding-begeleider.bewerkt-1.pdf").read_bytes() == b"edited"


# -- the property: whatever a folder holds and whatever the flags, nothing foreign is lost ----

_NAMES = [*FILE_NAMES.values(), "manifest.json", "notities.txt", "presentatie.bewerkt-1.pptx"]
_folder_content = st.dictionaries(st.sampled_from(_NAMES), st.sampled_from(["", "mine"]),
                                  max_size=5)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_folder_content, earlier=st.booleans(), force=st.booleans(),
       only=st.sampled_from(["calendar", "deck", "calendar,attendance"]))
def test_no_file_outside_the_manifest_is_ever_lost(tmp_path_factory: pytest.TempPathFactory,
                                                    content: dict[str, str], earlier: bool,
                                                    force: bool, only: str) -> None:
    from typer.testing import CliRunner

    from opvoedkit.cli import app

    root = tmp_path_factory.mktemp("p")
    session = root / "s.yaml"
    session.write_text(SESSION.format(name="Ede"), encoding="utf-8")
    out = root / "pack"
    runner = CliRunner()
    if earlier:  # a pack opvoedkit made before, then the person's files on top
        runner.invoke(app, ["build", str(session), "-o", str(out), "--only", "calendar,deck"])
    out.mkdir(exist_ok=True)
    for name, words in content.items():  # a content no other file has
        (out / name).write_bytes(f"{name}: {words}".encode())
    before = _contents(out)
    listed = _ours(out)
    runner.invoke(app, ["build", str(session), "-o", str(out), "--only", only,
                        *(["--force"] if force else [])])
    after = _contents(out)
    for name, data in before.items():
        if listed.get(name) == hashlib.sha256(data).hexdigest() or (
                name == "manifest.json" and listed):
            continue  # opvoedkit's own file (the manifest that lists them, too): it may go
        stem, _, suffix = name.partition(".")
        aside = [data for other, data in after.items()
                 if other.startswith(f"{stem}.bewerkt-") and other.endswith(suffix)]
        assert after.get(name) == data or data in aside, (name, before, after)


def _ours(folder: Path) -> dict[str, str]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return {f["path"]: f["sha256"] for f in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def test_faults_of_the_machine_are_said_plainly(session: Path, run_cli) -> None:
    base = session.parent.parent
    (base / "een-bestand").write_text("x", encoding="utf-8")
    locked = base / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o555)
    cases = [base / "een-bestand" / "sub", base / ("x" * 250)]
    if os.geteuid() != 0:  # root may write anywhere
        cases.append(locked / "pack")
    for out in cases:
        result = run_cli("build", session, "-o", out, "--only", "calendar")
        assert result.exit_code == 1, (out, result.stderr)
        assert result.stderr.splitlines()[-1].startswith("error: "), result.stderr
        assert "report it" not in result.stderr and "internal error" not in result.stderr
    locked.chmod(0o755)


def test_a_template_that_unpacks_to_a_huge_part_is_refused_before_parsing(
        tmp_path: Path, run_cli) -> None:
    import zipfile

    from .conftest import ROOT

    template = tmp_path / "huisstijl.pptx"
    with zipfile.ZipFile(ROOT / "templates" / "deck" / "default.pptx") as source, \
            zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("ppt/slides/slide99.xml", b"<a>" + b" " * 30_000_000 + b"</a>")
    assert template.stat().st_size < 1_000_000
    result = run_cli("check-template", template)
    assert result.exit_code == 2, result.stderr
    assert "ppt/slides/slide99.xml unpacks to 30 MB" in result.stderr  # said from the zip
