import re
import time

from intake.spam import sign_start


def form_data(**overrides):
    data = {
        "name": "Sam Rivera",
        "phone": "(818) 555-0134",
        "email": "sam@example.com",
        "preferred_contact": "call",
        "best_time": "evening",
        "inquiry_for": "myself",
        "level": "",
        "payment": "insurance",
        "insurance_carrier": "Blue Shield",
        "message": "I would like to know about evening programs.",
        "consent": "on",
        "website": "",
        "started": sign_start(time.time() - 30),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
