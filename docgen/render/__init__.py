"""Turning computed figures into text and documents."""
