"""Address blocks of two-column page layouts (`pdftotext -layout`): a right-hand cell on the street line
splits the block; both parts are found, the cell is not. Rows written for these tests."""

import pytest

from recognizers import detect


def addresses(text):
    return [text[f.start : f.end] for f in detect([text], ["ADDRESS"])[0]]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Via Garibaldi 12                 Client no.: K-2291\n20121 Milano\n\nItem    Qty",
            ["Via Garibaldi 12", "20121 Milano"],
        ),
        (
            "Kerkstraat 44 bus 2          Datum: 03.04.2025\n9000 Gent\n",
            ["Kerkstraat 44 bus 2", "9000 Gent"],
        ),
        ("Description        Qty    Amount\nFibre 500\n1\nEUR 12.00", []),
        ("Kerkstraat 44, 9000 Gent          Tel: see below", ["Kerkstraat 44, 9000 Gent"]),
    ],
)
def test_address_block_split_by_a_right_hand_cell(text, expected):
    assert addresses(text) == expected


def test_addressee_line_of_a_two_column_layout():
    text = "RECHNUNG      No. T-4471\n\nGODELIEVE MAES          Datum: 03.04.2025\nKerkstraat 44\n9000 Gent\n"
    found = [text[f.start : f.end] for f in detect([text], ["PERSON"])[0]]
    assert found == ["GODELIEVE MAES"]
