"""The promise a user relies on, checked against a model: an edit reported stored is in the file.

Hypothesis drives random sequences of edits across several tables (insatser with their money
per year, personer, årshjul posts), undo and redo (past the undo limit too), snapshots, backups,
restores and close-and-reopen. After every step, a second connection that sees only what is
committed reads the file and must find exactly the model's content, and the program's own
connection must be idle (not inside a transaction). Thousands of steps run on every landing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from finsam_desktop import backups, insatser, storage

#: Small, so that undo past the limit happens often; the limit of 200 has its own test.
LIMIT = 6

names = st.text(alphabet="abcåäöABC Ö-", min_size=1, max_size=12).map(str.strip).filter(bool)
years = st.integers(min_value=2024, max_value=2027)
amounts = st.integers(min_value=0, max_value=10**12)


def _content(path: Path) -> dict:
    """What is committed in the file, read by a connection of its own (read-only)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {
            "insats": {
                name: tuple(
                    conn.execute(
                        "SELECT ar, beviljat_ore FROM insats_ar WHERE insats_id = ? "
                        "AND beviljat_ore IS NOT NULL ORDER BY ar",
                        (iid,),
                    ).fetchall()
                )
                for iid, name in conn.execute("SELECT id, namn FROM insats")
            },
            "person": dict(conn.execute("SELECT namn, anteckning FROM person").fetchall()),
            "post": sorted(r[0] for r in conn.execute("SELECT rubrik FROM arshjul_post")),
        }
    finally:
        conn.close()


def _empty() -> dict:
    return {"insats": {}, "person": {}, "post": []}


def _copy(state: dict) -> dict:
    return {
        "insats": dict(state["insats"]),
        "person": dict(state["person"]),
        "post": list(state["post"]),
    }


class StorageModel(RuleBasedStateMachine):
    backups_made = Bundle("backups")

    def __init__(self):
        super().__init__()
        import tempfile

        self._tmp = tempfile.TemporaryDirectory()
        self.path = Path(self._tmp.name) / "Modell.finsam"
        self.ff = storage.create_file(self.path, namn="Modellförbundet")
        self.ff.enable_undo(LIMIT)
        self.state = _empty()
        self.undo_stack: list[dict] = []
        self.redo_stack: list[dict] = []

    def teardown(self):
        if self.ff is not None and self.ff.conn is not None:
            self.ff.close()
        self._tmp.cleanup()

    # -- what the user does -----------------------------------------------------------------

    def _did(self, before: dict) -> None:
        """An action was stored: it can be undone, the redo is gone."""
        self.undo_stack.append(before)
        if len(self.undo_stack) > LIMIT:
            self.undo_stack.pop(0)
        self.redo_stack.clear()

    def _insats_id(self, name: str) -> int:
        return self.ff.scalar("SELECT id FROM insats WHERE namn = ?", (name,))

    @rule(name=names)
    def new_insats(self, name):
        if name in self.state["insats"]:
            return
        before = _copy(self.state)
        insatser.ny_insats(self.ff, name)
        self.state["insats"][name] = ()
        self._did(before)

    @precondition(lambda self: self.state["insats"])
    @rule(data=st.data(), new=names)
    def rename_insats(self, data, new):
        old = data.draw(st.sampled_from(sorted(self.state["insats"])))
        if new in self.state["insats"]:
            return
        before = _copy(self.state)
        insatser.andra(self.ff, self._insats_id(old), "namn", new)
        self.state["insats"][new] = self.state["insats"].pop(old)
        self._did(before)

    @precondition(lambda self: self.state["insats"])
    @rule(data=st.data(), ar=years, ore=amounts)
    def grant(self, data, ar, ore):
        name = data.draw(st.sampled_from(sorted(self.state["insats"])))
        money = dict(self.state["insats"][name])
        if money.get(ar) == ore:
            return
        before = _copy(self.state)
        insatser.satt_belopp(self.ff, self._insats_id(name), ar, "beviljat_ore", ore)
        money[ar] = ore
        self.state["insats"][name] = tuple(sorted(money.items()))
        self._did(before)

    @precondition(lambda self: self.state["insats"])
    @rule(data=st.data())
    def remove_insats(self, data):
        name = data.draw(st.sampled_from(sorted(self.state["insats"])))
        before = _copy(self.state)
        insatser.ta_bort(self.ff, self._insats_id(name))
        del self.state["insats"][name]
        self._did(before)

    @rule(name=names, note=st.text(max_size=30))
    def person(self, name, note):
        before = _copy(self.state)
        with self.ff.write("Person") as db:
            db.execute(
                "INSERT INTO person (namn, anteckning) VALUES (?, ?) "
                "ON CONFLICT (namn) DO UPDATE SET anteckning = excluded.anteckning",
                (name, note),
            )
        self.state["person"][name] = note
        self._did(before)

    @rule(rubrik=names, also_person=st.booleans())
    def post_with_person(self, rubrik, also_person):
        """One action over two tables: both or neither."""
        before = _copy(self.state)
        with self.ff.write("Post") as db:
            db.execute(
                "INSERT INTO arshjul_post (ring, rubrik, datum) VALUES ('egna', ?, '2026-05-04')",
                (rubrik,),
            )
            if also_person:
                db.execute(
                    "INSERT INTO person (namn) VALUES (?) ON CONFLICT (namn) DO NOTHING",
                    ("Post " + rubrik,),
                )
        self.state["post"] = sorted([*self.state["post"], rubrik])
        if also_person:
            self.state["person"].setdefault("Post " + rubrik, "")
        self._did(before)

    @rule(rubrik=names)
    def failed_action(self, rubrik):
        """An action that breaks a rule half-way stores nothing, and is not on the undo stack."""
        with pytest.raises(sqlite3.IntegrityError), self.ff.write("Misslyckad") as db:
            db.execute(
                "INSERT INTO arshjul_post (ring, rubrik, datum) VALUES ('egna', ?, '2026-05-04')",
                (rubrik,),
            )
            db.execute("INSERT INTO person (namn) VALUES ('  ')")  # the CHECK refuses it

    @rule()
    def undo(self):
        label = self.ff.undo()
        assert (label is not None) == bool(self.undo_stack)
        if self.undo_stack:
            self.redo_stack.append(self.state)
            self.state = self.undo_stack.pop()

    @rule()
    def redo(self):
        label = self.ff.redo()
        assert (label is not None) == bool(self.redo_stack)
        if self.redo_stack:
            self.undo_stack.append(self.state)  # redo puts it back without the limit's check
            self.state = self.redo_stack.pop()

    @rule()
    def snapshot(self):
        snap = self.ff.snapshot()
        try:
            names_seen = {r["namn"] for r in snap.query("SELECT namn FROM insats")}
        finally:
            snap.close()
        assert names_seen == set(self.state["insats"])

    @rule(target=backups_made)
    def backup(self):
        made = backups.make_backup(self.ff, backups.Kind.MANUAL)
        return (made, _copy(self.state))

    @rule(made=consumes(backups_made))
    def restore(self, made):
        path, state = made
        backups.restore(self.ff, path)
        self.state = _copy(state)
        self.undo_stack.clear()
        self.redo_stack.clear()

    @rule()
    def close_and_reopen(self):
        self.ff.close()
        self.ff = storage.open_file(self.path, storage.OpenOptions(daily_backup=False))
        self.ff.enable_undo(LIMIT)
        self.undo_stack.clear()
        self.redo_stack.clear()
        assert _content(self.path) == self.state

    # -- what must hold after every step ------------------------------------------------------

    @invariant()
    def the_file_holds_exactly_what_was_reported_stored(self):
        assert _content(self.path) == self.state

    @invariant()
    def the_connection_is_idle_between_actions(self):
        assert not self.ff.conn.in_transaction


StorageModel.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# 3 000 steps take about a minute on a busy two-core machine: more than the suite's usual
# two-minute limit allows for with other work running.
test_no_edit_is_lost_or_resurrected = pytest.mark.timeout(300)(StorageModel.TestCase)
