"""Builds, the output folder (atomic writes, manifest), fingerprints, releases."""
