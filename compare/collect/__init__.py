"""Collecting: feeds polled, pages fetched and their text extracted, imports read, all stored.

``pipeline`` runs the stage; ``feeds``, ``fetch`` and ``extract`` do one feed, one request and
one page; ``importer`` reads JSON Lines and CSV; ``opml`` reads and writes subscription lists.
"""
