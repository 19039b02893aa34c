"""What the demo pages say alike in English and in Spanish."""

HELPLINE = "(818) 431-2224"
