"""Property tests (hypothesis) for the number and dose parsers."""

from hypothesis import given, strategies as st

from extract.numbers import format_number, parse_number, words_to_number
from extract.regimens import canonical_unit, find_doses

UNITS = ["mg/m2", "mg/m²", "mg/kg", "mg", "µg", "g/m2", "IU", "µmol/L"]


@given(st.integers(min_value=0, max_value=999_999))
def test_integers_with_and_without_thousands_separators(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip(d):
    assert parse_number(format_number(float(d))) == float(d)


@given(st.integers(min_value=1, max_value=99))
def test_number_words(n):
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    word = ones[n] if n < 20 else tens[n // 10] + (f"-{ones[n % 10]}" if n % 10 else "")
    assert words_to_number(word) == n
    assert parse_number(word.capitalize()) == n


@given(st.text(alphabet="abcdefghij .,;-", max_size=30))
def test_parse_number_never_raises(text):
    parse_number(text)


@given(st.decimals(min_value="0.1", max_value=5000, places=1), st.sampled_from(UNITS),
       st.sampled_from(["temsirolimus", "everolimus"]))
def test_dose_value_and_unit_survive_parsing(value, unit, drug):
    sentence = f"Patients received {drug} {format_number(float(value))} {unit} weekly."
    doses = find_doses(sentence)
    assert len(doses) == 1
    assert doses[0].values == [float(value)]
    assert doses[0].unit == canonical_unit(unit)
