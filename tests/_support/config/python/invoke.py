# Python config files: module-level names are settings.
outer = {"inner": {"hooray": "python"}}
_private_too = 1
