# Sphinx configuration for the API and usage documentation.
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

project = "Invoke"
author = "The Invoke templates project"
extensions = ["sphinx.ext.autodoc"]
master_doc = "index"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
html_theme = "alabaster"
