"""What renderers remember between the packs of a batch: kept while used, then forgotten."""

from __future__ import annotations

from opvoedkit.memo import Memo


def test_what_every_pack_uses_stays_and_a_packs_own_entries_age_out() -> None:
    memo: Memo[str, int] = Memo(1000)
    for pack in range(50):
        Memo.next_pack()
        if memo.get("shared") is None:
            assert pack == 0, "a shared entry was forgotten"
            memo.put("shared", 1)
        memo.put(f"municipality {pack}", pack)
        assert memo.get(f"municipality {pack - 2}") is None  # unused by the last two packs
    assert memo.get("municipality 49") == 49
    assert len(memo) <= 3  # shared, and the own entries of the last two packs at most


def test_a_generation_never_holds_more_than_its_limit() -> None:
    memo: Memo[int, int] = Memo(10)
    Memo.next_pack()
    for key in range(1000):
        memo.put(key, key)
        assert len(memo) <= 20
    assert memo.get(999) == 999
    assert memo.get(0) is None


def test_an_old_entry_asked_for_again_moves_back_to_the_young_generation() -> None:
    memo: Memo[str, str] = Memo(100)
    memo.put("tekst", "regels")
    Memo.next_pack()
    assert memo.get("tekst") == "regels"  # from the old generation, now young again
    Memo.next_pack()
    assert memo.get("tekst") == "regels"
    memo.clear()
    assert memo.get("tekst") is None
    assert len(memo) == 0
