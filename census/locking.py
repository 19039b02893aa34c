"""One booking of a bed or a program at a time.

On PostgreSQL the bed's or program's row is locked (SELECT … FOR UPDATE) until the transaction ends:
a second coordinator's check waits for the first one's row, then sees it. The exclusion constraint on
bed times backs this up for anything that writes around the services.

SQLite has neither row locks nor exclusion constraints, and writes one transaction at a time: the
transaction's first statement is a write, which takes the database's write lock at once (a read first
would let two transactions both read, then one fail to write), so the check and the insert after it
are never interleaved with another process's. Threads of one process share a lock of their own too:
with the tests' shared in-memory database, SQLite refuses a second writer instead of waiting."""

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F

_this_process = threading.Lock()


@contextmanager
def locked(model, pk):
    """A transaction in which nobody else books the `model` row `pk` (a Bed or a Program)."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))
            yield
        return
    with _this_process, transaction.atomic():
        model.objects.filter(pk=pk).update(updated_at=F("updated_at"))
        yield
