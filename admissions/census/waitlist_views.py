from django.http import Http404


def waitlist(request):
    raise Http404


def add(request):
    raise Http404


def entry(request, pk):
    raise Http404
