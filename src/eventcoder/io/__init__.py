"""Readers for inputs and writers for exports."""
