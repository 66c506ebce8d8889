"""Test-suite wide fixtures (the `cli` fixture lives here)."""
