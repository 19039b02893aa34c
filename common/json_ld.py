"""JSON-LD written into a page's <script> element."""

import json

from django.utils.safestring import mark_safe

# Characters that could end the <script> element or open markup inside it.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))
