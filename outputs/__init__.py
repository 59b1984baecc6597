"""What the Ministry takes away: the Phụ lục 2 workbook, the national summary report,
feedback letters to provinces, and their charts.

Everything here reads the store through :mod:`outputs.snapshot` (one pure picture of
the latest submission per province with review decisions applied) and writes files;
no lower floor imports this package.
"""
