"""Piccolo's configuration module (named by PICCOLO_CONF, see prakat.db).

The engine comes from Settings; ``prakat.db.engine.bind`` replaces it when a process is given
other settings (tests, create_app), so this is only the default for the ``piccolo`` CLI.
"""

from piccolo.conf.apps import AppRegistry

from prakat.db.connect import make_engine
from prakat.settings import Settings

DB = make_engine(Settings.from_env().database_url)

APP_REGISTRY = AppRegistry(apps=["prakat.db.piccolo_app"])
