"""Analysis: a story's sentences aligned into facts, and what each outlet reported, left out,
disputed, quoted and how it worded it.

``run`` runs the stage (`news-compare analyse`); ``parse`` reads an article once; ``align``
makes facts, omissions and conflicting figures of the parsed articles; ``framing`` finds
loaded and hedged wording; ``sources`` (with ``attribution``, ``speakers``, ``cues`` and
``quotes``) finds who is quoted; ``pasted`` analyses an article given in the dashboard.
"""
