import pytest
from django.core.exceptions import ValidationError

from directory.opening_hours import describe, validate_opening_hours


def test_weekday_ranges_and_split_hours_read_in_french():
    assert describe("Mo-Fr 09:00-12:30,13:30-18:00; Sa 10:00-12:00; PH off") == [
        "Du lundi au vendredi : 9 h – 12 h 30 et 13 h 30 – 18 h",
        "Samedi : 10 h – 12 h",
        "Jours fériés : fermé",
    ]


def test_day_lists_are_joined_with_et():
    assert describe("Mo,We 14:00-17:00") == ["Lundi et mercredi : 14 h – 17 h"]
    assert describe("Mo-We,Fr 09:00-12:00") == ["Du lundi au mercredi et vendredi : 9 h – 12 h"]


def test_round_the_clock_and_empty():
    assert describe("24/7") == ["Ouvert tous les jours, 24 h sur 24"]
    assert describe("") == []


@pytest.mark.parametrize(
    "value", ["lundi 9h-12h", "Mo-Fr 18:00-09:00", "Fr-Mo 09:00-12:00", "Mo 9:00-12:00", "Mo"]
)
def test_what_cannot_be_rendered_is_refused_at_input(value):
    with pytest.raises(ValidationError):
        validate_opening_hours(value)


def test_valid_values_pass_the_validator():
    validate_opening_hours("Mo-Fr 08:30-12:30; PH off")
