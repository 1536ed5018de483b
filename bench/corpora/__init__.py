"""The labelled detection corpora: synthetic records in the shapes real systems write, with the exact span of
every personal value in them, on which `make eval` measures detection.

What they share sits in a few modules of one concern each: `base` (labelled records, the builders that draw
a corpus from its shape table, the JSONL writer and the command line), `noise` (the non-personal values logs
are full of), `values` (renderings, encodings and the record context several held-out corpora share) and
`people` (renaming the generator's people as a European customer base is named). Each corpus module holds
only its own shapes, their table, its people and a short builder; a corpus never imports another corpus,
and a helper moves to the shared modules once a second corpus uses it.

The corpora, and what their figures mean:
- `tuned`: the corpus detection was developed against; its figures are an upper bound.
- `heldout` to `heldout6`: each held out when written, each since used as a development set for fixes, so
  their figures are optimistic too.
- `heldout7`: never tuned on; its figures are the honest estimate of how detection does on real data.
- `heldout8`: written blind and never tuned on: chats, messages and tickets as people type them, in the
  nine regions' languages; its figures are the honest estimate for chat and ticket text.

    python -m bench.corpora NAME --lines 2000 --seed 0 [-o FILE] [--no-labels]
"""
