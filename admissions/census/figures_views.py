from django.http import Http404


def figures(request):
    raise Http404
