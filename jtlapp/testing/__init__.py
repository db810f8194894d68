"""The test kit for apps built on jtlapp: a pytest plugin (``jtlapp.testing.plugin``).

It is the project's ``pytest11`` entry point, so an installed jtlapp (``pip install -e .``)
loads it in any pytest run; a checkout that is not installed loads it with
``-p jtlapp.testing.plugin`` (our ``pyproject.toml`` does so in ``addopts``). Dev-only: it
starts the sandbox, so product code never imports it.
"""
