"""The pre-admission screen's staff pages (screening/ holds the rules): one page of sections that
each save on their own, and its printable summary. Routed by the Screen admin (admin.py)."""
