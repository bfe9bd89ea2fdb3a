# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Collect Tryton scenario doctests (``scenario_*.rst``) with pytest.

Upstream runs them through unittest's ``load_tests``, which pytest ignores;
this collector builds the same ``DocFileSuite`` with trytond's set-up,
tear-down, checker and option flags, one pytest item per scenario (and per
configuration of an optional ``scenario_x.json``).
"""
import json

import pytest


def pytest_collect_file(file_path, parent):
    if (file_path.suffix == '.rst'
            and file_path.name.startswith('scenario_')
            and file_path.parent.name == 'tests'):
        return ScenarioFile.from_parent(parent, path=file_path)


class ScenarioFile(pytest.File):

    def collect(self):
        config = self.path.with_suffix('.json')
        if config.exists():
            configs = json.loads(config.read_text())
        else:
            configs = [{}]
        for i, globs in enumerate(configs):
            name = self.path.stem if len(configs) == 1 else (
                f'{self.path.stem}[{i}]')
            yield ScenarioItem.from_parent(self, name=name, globs=globs)


class ScenarioItem(pytest.Item):

    def __init__(self, *, globs, **kwargs):
        super().__init__(**kwargs)
        self.globs = globs

    def runtest(self):
        from trytond.modules.ame_base.tests.tools import run_scenario
        result = run_scenario(self.path, self.globs)
        problems = result.failures + result.errors
        if problems:
            raise ScenarioFailure('\n'.join(text for _, text in problems))
        if result.testsRun == 0:
            raise ScenarioFailure(f'{self.path}: no doctest was run')

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f'scenario: {self.name}'


class ScenarioFailure(Exception):
    pass


def pytest_configure(config):
    config.addinivalue_line('markers', 'browser: drives Chromium')
