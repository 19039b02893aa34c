# Dates on public pages written out in full ("November 28, 2026"), as the site always wrote them;
# Spanish keeps Django's own ("28 de noviembre de 2026").
DATE_FORMAT = "F j, Y"
