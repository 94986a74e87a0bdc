"""Preloaded by the extraction process server: imports and warms up trafilatura once.

Worker processes fork from that server, so each starts with trafilatura's lazy tables
(stop lists, date patterns, domain lists) already built instead of building them itself.
"""

from compare.collect.extract import warm_up

warm_up()
