"""``manage.py jtl startpane``: a partner's pane in a partner app, and the apps' discovery.

Partner apps live in ``panes/partners/<app>/`` (the repository's top level is fixed): each is
an ordinary Django app that ``settings`` installs and ``urls`` mounts at ``/partners/<app>/``
by itself, so adding one edits none of our modules.
"""
