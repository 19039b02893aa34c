"""The census's staff pages: the bed board, holds, stays, the waitlist and the census figures. Served
inside the admin (its sign-in, idle logout and look) under /admin/census/, for admissions staff and
superusers (clinicians reach the waitlist); every page shown is noted in the access log."""
