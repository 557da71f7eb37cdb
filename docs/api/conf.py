"""Sphinx configuration of glassderive's API reference (``docs/api``).

Build: ``python -m sphinx -W -b html docs/api docs/api/_build`` (warnings are errors; the test
suite builds it, ``tests/test_api_docs.py``).
"""

project = "glassderive"
author = "The glassderive developers"
copyright = "2026, The glassderive developers"

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.mathjax"]
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_ivar = True           # "Attributes" as fields: no duplicate of a documented property
napoleon_custom_sections = [("Proves", "notes"), ("Cannot prove", "notes")]
autodoc_member_order = "bysource"
autodoc_typehints = "none"          # the signatures show the defaults; types are in the text
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
nitpicky = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
suppress_warnings = ["ref.python"]  # short names (``Derivation``) resolve ambiguously
