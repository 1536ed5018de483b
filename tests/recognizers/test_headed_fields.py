"""A header that names its columns is the evidence a single value lacks: CRM and meeting exports, mailing
lists in the regions' languages, and spreadsheet dumps in A1 notation. Rows written for these tests."""

import pytest

from recognizers import detect
from recognizers.column_names import name_hint
from recognizers.records import headed_fields


def names(text):
    return [text[f.start : f.end] for f in detect([text], ["PERSON"])[0]]


@pytest.mark.parametrize(
    "column, hint",
    [
        ("Contact owner", "PERSON"),
        ("Organizer", "PERSON"),
        ("Artist", "PERSON"),
        ("PRÉNOM", "PERSON"),
        ("Klant", "PERSON"),
        ("ADRESSE1", "ADDRESS"),
        ("Dirección", "ADDRESS"),
        ("Straße", "ADDRESS"),
        ("TEL_PORT", "PHONE_NUMBER"),
        ("Téléphone", "PHONE_NUMBER"),
        ("Handy", "PHONE_NUMBER"),
        # qualified away from a person: an identifier, a file's owner, a camera model, a meeting
        ("customer_id", None),
        ("File owner", None),
        ("owner_id", None),
        ("Camera Model Name", None),
        ("Meeting title", None),
    ],
)
def test_column_names_in_the_regions_languages(column, hint):
    assert name_hint(column) == hint


def test_a_crm_export_header_with_parentheses_and_slashes_still_names_its_columns():
    text = (
        "Record ID,First Name,Last Name,Email,City,Country/Region,Contact owner,Create Date (GMT)\n"
        "5512,Gareth,Nyhan,gnyhan@example.ie,Galway,Ireland,Maartje Keijser,2026-04-02 10:00\n"
    )
    assert names(text) == ["Gareth", "Nyhan", "Maartje Keijser"]


def test_a_meeting_report_leaves_the_guest_note_out_of_the_name():
    text = (
        "Name\tFirst Join\tLast Leave\tEmail\tParticipant ID (UPN)\tRole\n"
        "Jade van de Veen (Guest)\t3/12/26, 8:52 AM\t3/12/26, 8:59 AM\tjade@example.com\t\tAttendee\n"
        "Eddie Hernandez\t3/12/26, 8:52 AM\t3/12/26, 9:49 AM\teddie@example.com\teddie@example.com\tHost\n"
    )
    assert names(text) == ["Jade van de Veen", "Eddie Hernandez"]


def test_a_header_that_names_no_person_column_makes_no_names():
    text = "Team,Stadium,City\nBorussia,Signal Iduna Park,Dortmund\nAjax,Johan Cruijff Arena,Amsterdam\n"
    assert names(text) == []


def test_spreadsheet_cells_in_a1_notation_take_their_columns_first_cell_as_header():
    text = (
        "Klanten!A1 = 'Klant'\n"
        "Klanten!B1 = 'GSM'\n"
        "Klanten!C1 = 'Bedrag'\n"
        "Klanten!A2 = 'Vidoni, Edoardo'\n"
        "Klanten!B2 = 32475123456  # number format '+0'\n"
        "Klanten!C2 = 658.15\n"
    )
    found = [(text[start:end], hint) for start, end, hint in headed_fields(text)]
    assert found == [("Vidoni, Edoardo", "PERSON"), ("32475123456", "PHONE_NUMBER")]
    assert names(text) == ["Vidoni, Edoardo"]


def test_a_formula_cell_is_not_a_header_and_unnamed_columns_give_nothing():
    text = "Sheet1!A1 = 'Total'\nSheet1!A2 = '=SUM(B2:B9)'\nSheet1!B1 = 'Qty'\nSheet1!B2 = 4\n"
    assert headed_fields(text) == []


def test_a_key_value_table_row_is_no_header_though_its_key_names_a_column():
    """Cells aligned by markup or spaces may hold a comma: `Customer | Miranda, Olga Anita` is two cells,
    a key and its value, not a three-column header."""
    text = (
        "<h2>Complaint T-21</h2>\n<table><tbody>\n"
        "<tr><th>Customer</th><td>Miranda, Olga Anita</td></tr>\n"
        "<tr><th>Mobile</th><td>+32 475 12 34 56</td></tr>\n</tbody></table>"
    )
    assert names(text) == ["Miranda, Olga Anita"]
