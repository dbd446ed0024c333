# For Scrapyd: scrapyd-deploy builds the project's egg with `python setup.py bdist_egg` (and
# writes a setup.py of its own, with every top-level package and no data, when there is
# none). Everything else is in pyproject.toml.
from setuptools import setup

setup()
