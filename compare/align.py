"""The same-fact scorer as scripts use it, without a database (see ``compare.analysis.align``).

>>> from compare.align import fact_similarity, same_fact
>>> same_fact("Three people died in the fire, police said.", "Police said the fire killed three people.")
True
"""

from compare.analysis.align import fact_similarity, same_fact

__all__ = ["fact_similarity", "same_fact"]
