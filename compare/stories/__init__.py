"""Stories: articles of different outlets about the same event grouped together, wire copy found.

``assign`` runs the stage (`news-compare match`); ``match`` holds the scoring and clustering,
``pairs``, ``pair_scores`` and ``participants`` what a pair of articles is judged on.
"""
