"""Two-step sign-in for staff (django-otp): who must give a code and the middleware that asks for it
(middleware.py), and the set-up, code and recovery-code pages (views.py, urls.py)."""
