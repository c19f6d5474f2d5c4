"""The package handed to the court clerk or bailiff: dossier, one PDF per pièce, manifest, ZIP."""
from .write import BundleResult, check_output, parse_size, write_bundle

__all__ = ["BundleResult", "check_output", "parse_size", "write_bundle"]
