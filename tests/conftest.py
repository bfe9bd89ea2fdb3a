# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import pytest

from ametest import Ame


@pytest.fixture(scope='module')
def ame(tmp_path_factory):
    return Ame(tmp_path_factory.mktemp('ame'))
