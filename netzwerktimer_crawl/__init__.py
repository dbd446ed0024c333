"""netzwerktimer: the events of the Thuringian business networks in one catalog.

The spiders and the pipeline stages live in the repository's top-level `spiders/` and
`pipelines/` folders (one module per network, one per stage), and are imported as
`netzwerktimer_crawl.spiders` and `netzwerktimer_crawl.pipelines`: an installed wheel or
egg carries them there (pyproject's package-dir), and in a checkout the package also
looks in the folder above it, so both see the same names and nothing generic called
`spiders` or `pipelines` lands in site-packages.
"""

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
if (_CHECKOUT / "spiders" / "__init__.py").exists() and str(_CHECKOUT) not in __path__:
    __path__.append(str(_CHECKOUT))
