"""Benchmarks: `make bench [JSON=FILE]`. Never part of the test suite."""
