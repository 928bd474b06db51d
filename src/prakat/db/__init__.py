"""Database: Piccolo tables, the engine chosen by Settings, and the one migration stream."""

import os

# Piccolo's migration machinery finds its engine through a "piccolo_conf" module named by this
# variable; ours builds the engine from Settings, so the `piccolo` CLI and `prakat migrate` agree.
os.environ.setdefault("PICCOLO_CONF", "prakat.db.piccolo_conf")
