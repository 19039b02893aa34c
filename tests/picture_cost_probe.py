"""What reading a card photo costs: run as `python tests/picture_cost_probe.py FILE...` (the tests do).

Pillow and its decoders allocate outside Python (tracemalloc sees none of it), so each file is read in
a process of its own, forked once Django and every decoder are loaded: the growth of its peak resident
memory (ru_maxrss) and the CPU time it used (all threads) are that file's cost. One JSON line a file."""

import json
import os
import resource
import sys
from io import BytesIO
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magnolia.test_settings")
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from intake.card_files import card_content  # noqa: E402


def _usage():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # Linux: kilobytes


def _warm_up():
    """Every decoder loaded and used once, so that no file pays for loading a library."""
    for kind in ("JPEG", "PNG", "WEBP", "HEIF"):
        out = BytesIO()
        Image.new("RGB", (64, 48), (40, 90, 160)).save(out, kind)
        card_content(SimpleUploadedFile("warm", out.getvalue()))


def _measure(path):
    data = Path(path).read_bytes()
    upload = SimpleUploadedFile(Path(path).name, data)
    memory, cpu = _usage()
    try:
        card_content(upload)
        result = "read"
    except ValidationError as error:
        result = error.code
    peak, used = _usage()
    return {"file": Path(path).name, "result": result, "mb": round(peak - memory, 1), "cpu": round(used - cpu, 3)}


def main(paths):
    _warm_up()
    for path in paths:
        reader, writer = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(reader)
            os.write(writer, json.dumps(_measure(path)).encode())
            os._exit(0)
        os.close(writer)
        with os.fdopen(reader) as answer:
            print(answer.read(), flush=True)
        os.waitpid(child, 0)


if __name__ == "__main__":
    main(sys.argv[1:])
