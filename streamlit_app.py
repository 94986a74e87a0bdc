"""The news-compare dashboard, for `streamlit run streamlit_app.py` (and Streamlit's hosting).

The app itself ships inside the package, as compare/ui/app.py, which `news-compare dashboard`
runs; this file only starts it. The database is $NEWS_COMPARE_DB (default compare.db).
"""

from compare.ui.app import main

main()
