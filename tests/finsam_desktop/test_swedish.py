"""Swedish helpers: lists in a sentence."""

from __future__ import annotations

from finsam_desktop.swedish import join_list


def test_a_list_in_a_sentence_reads_as_swedish():
    assert join_list([]) == ""
    assert join_list(["Norrby"]) == "Norrby"
    assert join_list(["Norrby", "Söderby"]) == "Norrby och Söderby"
    assert join_list(["a", "b", "c"]) == "a, b och c"
