# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""WSGI entry point for production: ``gunicorn ame.wsgi:app``.

Like ``trytond.application`` (it reads TRYTOND_CONFIG and preloads
TRYTOND_DATABASE_NAMES), with AME's server fixes applied first.
"""
from ame import compat

compat.apply()

from trytond.application import app  # noqa: E402

__all__ = ['app']
