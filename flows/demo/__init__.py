"""Demo and test data: synthetic people written the way each service writes them, and a realistic raw
zone with its catalog for `make demo`, the tests, the notebooks and the benchmarks. No real person here."""
