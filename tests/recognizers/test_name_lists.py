"""Issue 12's fourteenth round: the given and family names of the nine regions (Faker's person providers) as
evidence that a lower-case word the model calls a person is one, that a headline's verb-shaped word or a
sentence's verb-shaped subject is a name, that a post's name left half in lower case is whole, and that a
plural outside a post is a name only when the lists hold it."""

import pytest

from recognizers import detect
from recognizers.dictionary import is_plural_noun
from recognizers.names.name_lists import given_name_noun, given_names
from recognizers.names.posts import half_lower_case_name


def found(text):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == "PERSON"]


def test_the_names_of_every_region_are_known():
    # English, Irish, Dutch, Flemish, French, German, Spanish and Italian given names
    assert {"joe", "aoife", "daan", "lieke", "joël", "jürgen", "pilar", "giuseppe"} <= given_names()


@pytest.mark.parametrize(
    "word, is_evidence",
    [
        ("joe", True),
        ("Daniel", True),  # a noun too (the prophet): nothing but a noun
        ("kieran", True),  # no dictionary word
        ("will", False),  # a verb first, whatever the lists say
        ("mark", False),
        ("hope", False),
        ("table", False),  # no given name
    ],
)
def test_a_given_name_is_evidence_only_when_it_is_no_verb_or_adjective(word, is_evidence):
    assert given_name_noun(word) is is_evidence


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lower-case given name in English prose
        ("Bonfire tonite . All are welcome , joe included", ["joe"]),
        ("The montage of frankie and michael *cry* : ' )", ["michael"]),
        # given names that are verbs stay words
        ("i will call later , hope the kids are fine lol", []),
        # a headline's name keeps a given name that is a verb too
        ('David Mark Confesses , " Buhari Is A Formidable Opponent .":', ["David Mark"]),
        (
            "Labor news conference with @billshortenmp and Mark Dreyfus LIVE now from Melbourne on SKY"
            " http://t.co/UXv3PZ",
            ["Mark Dreyfus"],
        ),
        ("METER READING VISIT", []),
        # a given name that is a verb too, opening a sentence as the subject of the verb after it (no post:
        # a post keeps any such subject)
        (
            "Harry got shot in the head in the last movie , now he comes back with an eye patch . * ok *",
            ["Harry"],
        ),
        ("Will you come to the party tonight lol", []),
        # a post's name of two words, one left in lower case
        ("RT @USER2329 : Flyboys ! James franco do n't die , I love you !", ["James franco"]),
        ("Proof that Travis scott sold his soul to the devil 😂 😂", ["Travis scott"]),
    ],
)
def test_given_names_as_evidence_in_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "value, whole",
    [
        ("James franco", True),
        ("john Maxwell", True),
        ("Ann ritiro", False),  # no listed name in lower case: the prose after the name
        ("James Franco", False),
        ("james franco", False),
        ("Ann Lee franco", False),
    ],
)
def test_a_name_half_in_lower_case_is_whole_when_its_lower_case_word_is_listed(value, whole):
    assert half_lower_case_name(value) is whole


@pytest.mark.parametrize(
    "text, expected",
    [
        # a plural the model calls a person outside a post is none
        (
            "I love the verses from Emmie Ström's Cautionary Tales. Is there a better example of such joy?",
            [],
        ),
        ("Standard And Poors is a design agency based in GUÉRET.", []),
        # ... unless it is a listed family name
        (
            "Is there a better crafted pop song on this list? Torpy and Salinas were precision engineers.",
            ["Torpy", "Salinas"],
        ),
        ("Mr. Matthews is a 36 year old man who grew up in Leeds.", ["Matthews"]),
    ],
)
def test_a_plural_is_no_one_word_name_unless_the_lists_hold_it(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "word, plural",
    [
        ("Tales", True),
        ("Associates", True),
        ("Salinas", True),
        ("James", False),
        ("Parks", False),
        ("Always", False),
    ],
)
def test_a_plural_noun_is_an_indexed_nouns_form_and_nothing_else(word, plural):
    # `James`, `Parks`: nouns as written (WordNet lists the people); `always`: an adverb as written
    assert is_plural_noun(word) is plural
