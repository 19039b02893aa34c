"""What the demo pages say alike in English and in Spanish."""

# The helpline from Site settings (core/placeholders.py): right whenever the number changes.
HELPLINE = "[[helpline]]"
