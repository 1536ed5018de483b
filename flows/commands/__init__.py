"""One module per `piivault` sub-command; each exposes `register(subparsers)`.

Modules import heavy libraries (spaCy, Prefect, pandas) inside their run functions, so that
`piivault --help` and light commands start fast.
"""
