"""Connection options that bound how long a request waits for PostgreSQL (libpq parameters)."""

# An idle kept connection (DATABASE_CONN_MAX_AGE) to a machine that went away is found out after
# 10 s without traffic and three unanswered probes 5 s apart.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def postgres_timeouts(connect_seconds, statement_milliseconds):
    """Options for DATABASES["default"]["OPTIONS"]:

    - connect_timeout: a server that takes the connection and then never answers (or a host that
      does not answer at all) is given up after this long;
    - statement_timeout: the server cancels a statement that runs longer (a lock held, a query gone
      wrong); 0 turns it off, e.g. for a long migration;
    - tcp_user_timeout: as long, for a query sent to a server that stopped acknowledging it (the
      machine or the network gone mid-query): the statement timeout cannot fire there.
    """
    return {
        "connect_timeout": connect_seconds,
        "options": f"-c statement_timeout={statement_milliseconds}",
        "tcp_user_timeout": statement_milliseconds,
        **KEEPALIVES,
    }


def with_timeouts(options, connect_seconds, statement_milliseconds):
    """`options` (from DATABASE_URL's query string, which wins) with the timeouts added."""
    added = postgres_timeouts(connect_seconds, statement_milliseconds)
    if options.get("options"):
        options = {**options, "options": f"{added['options']} {options['options']}"}
    return {**added, **options}
