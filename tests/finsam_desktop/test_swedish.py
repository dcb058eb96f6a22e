"""Swedish helpers: lists in a sentence, a count with its noun."""

from __future__ import annotations

from finsam_desktop.swedish import join_list, plural


def test_a_list_in_a_sentence_reads_as_swedish():
    assert join_list([]) == ""
    assert join_list(["Norrby"]) == "Norrby"
    assert join_list(["Norrby", "Söderby"]) == "Norrby och Söderby"
    assert join_list(["a", "b", "c"]) == "a, b och c"


def test_a_count_takes_the_singular_only_for_one():
    assert plural(1, "möte", "möten") == "1 möte"
    assert plural(2, "möte", "möten") == "2 möten"
    assert plural(0, "insats", "insatser") == "0 insatser"
    assert plural(-1, "dag", "dagar") == "-1 dag"
    assert plural(21, "plats", "platser") == "21 platser"
    assert plural(1, "mål", "mål") == "1 mål"
