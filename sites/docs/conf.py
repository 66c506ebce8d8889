# Sphinx configuration for the API and usage documentation.
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

project = "Invoke"
author = "The Invoke templates project"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx"]
master_doc = "index"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
html_theme = "alabaster"
