# Sphinx configuration for the project website (overview and changelog).
project = "Invoke"
author = "The Invoke templates project"
master_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
