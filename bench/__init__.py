"""Evaluation and benchmark scripts (`make eval`, `make bench`): figures printed beside their baselines."""
