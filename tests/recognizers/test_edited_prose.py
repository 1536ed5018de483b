"""Issue 12, sixth round: conventions of edited prose (news, press releases, briefing transcripts) that the
small model's names run across: a gloss glued to a name (`Yusuf Qandil(Arabic: ...)`), a nickname in quotes
between a name's words (`Col. Mark “Bud” Hensley`), a rank's abbreviation before a name (`Brig.`), and a
transcript's speaker in capitals (`MS HALVORSEN: Thanks, everybody.`). Rows written for these tests; each
beside a record that must not change."""

import pytest

from recognizers import detect


def found(text):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a gloss glued to a name ends it; a field's size after its type is no name's
        (
            "Yusuf Qandil(Arabic: يوسف), also known as Abu Samir, is an Iraqi general.",
            ["Yusuf Qandil", "Abu Samir"],
        ),
        ("    05 CUST-TEL       PIC X(15)  : +33656538338", []),
        # a nickname in quotes between a name's words belongs to the name, the rank before it does not
        ("“We are ready,” said Col. Mark “Bud” Hensley, the task force spokesman.", ["Mark “Bud” Hensley"]),
        (
            'During the call, Brig. Gen. Walter "Skip" Dunmore, the lead officer, will present the findings.',
            ['Walter "Skip" Dunmore'],
        ),
        # a transcript's speaker in capitals after a courtesy title or an office, then prose
        ("MS HALVORSEN: Thanks, everybody. Let me start with Syria.", ["HALVORSEN"]),
        ("SECRETARY BRANDT: We talked about the situation in the north.", ["BRANDT"]),
        ("ERROR TIMEOUT: retrying in 5 s", []),
    ],
)
def test_conventions_of_edited_prose(text, expected):
    assert found(text) == expected
