"""Write one labelled corpus as JSONL, a record a line (`id`, `text`, and `kind` and `spans` unless
`--no-labels`):

    python -m bench.corpora heldout3 --lines 2000 --seed 0 [-o heldout3.jsonl] [--no-labels]
"""

import sys

from bench.corpora import heldout, heldout2, heldout3, heldout4, heldout5, heldout6, heldout7, heldout8, tuned
from bench.corpora.base import Builder, corpus_main

BUILDERS: dict[str, Builder] = {
    "tuned": tuned.build_corpus,
    "heldout": heldout.build_heldout_corpus,
    "heldout2": heldout2.build_heldout2_corpus,
    "heldout3": heldout3.build_heldout3_corpus,
    "heldout4": heldout4.build_heldout4_corpus,
    "heldout5": heldout5.build_heldout5_corpus,
    "heldout6": heldout6.build_heldout6_corpus,
    "heldout7": heldout7.build_heldout7_corpus,
    "heldout8": heldout8.build_heldout8_corpus,
}


def main(argv: list[str] | None = None) -> int:
    return corpus_main(argv, BUILDERS, __doc__)


if __name__ == "__main__":
    sys.exit(main())
