"""Impressum and Datenschutz in every page's footer, from metadata.yml.

A public German site needs both (DDG § 5, GDPR Art. 13). The operator sets `impressum_url`
and `datenschutz_url` at the top of metadata.yml; a server started without them says so in
its log, once, rather than publishing a catalog without them unnoticed.
"""

import logging

from datasette import hookimpl

LINKS = {"impressum_url": "Impressum", "datenschutz_url": "Datenschutz"}

log = logging.getLogger("netzwerktimer.legal_links")


@hookimpl
def extra_template_vars(datasette):
    return {
        "legal_links": [
            (label, url) for key, label in LINKS.items() if (url := datasette.metadata(key))
        ]
    }


@hookimpl
def startup(datasette):
    missing = [key for key in LINKS if not datasette.metadata(key)]
    if missing:
        log.warning("metadata.yml has no %s: the footer links neither", " and no ".join(missing))
