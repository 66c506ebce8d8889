# Metadata lives in pyproject.toml; this shim lets older tools install us.
__import__("setuptools").setup()
