from contentlint.engine.fixes import apply_fixes
from contentlint.violations import Edit, Fix


def test_non_overlapping_fixes_apply_in_one_pass():
    text = "abcdef"
    new, done = apply_fixes(text, [Fix.safe("x", Edit(4, 5, "E")), Fix.safe("y", Edit(0, 1, "A"))])
    assert new == "AbcdEf" and len(done) == 2


def test_overlapping_fix_waits_for_the_next_pass():
    first = Fix.safe("a", Edit(0, 3, "X"))
    second = Fix.safe("b", Edit(2, 4, "Y"))
    new, done = apply_fixes("abcdef", [second, first])
    assert new == "Xdef" and done == [first]


def test_two_insertions_at_one_point_are_not_both_applied():
    new, done = apply_fixes("ab", [Fix.safe("a", Edit(2, 2, "\n")), Fix.safe("b", Edit(2, 2, "\n"))])
    assert new == "ab\n" and len(done) == 1


def test_multi_edit_fix_is_all_or_nothing():
    wrap = Fix.safe("unwrap", Edit(0, 2, ""), Edit(5, 7, ""))
    clash = Fix.safe("clash", Edit(6, 7, "!"))
    new, done = apply_fixes("**abc**", [wrap, clash])
    assert new == "abc" and done == [wrap]
