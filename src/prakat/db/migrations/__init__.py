"""Prakat's one migration stream, applied in order by `prakat migrate` on SQLite and PostgreSQL alike.

Making a new one: change prakat/db/tables.py, then
    PRAKAT_DATABASE_URL=/tmp/gen.sqlite3 prakat migrate
    PRAKAT_DATABASE_URL=/tmp/gen.sqlite3 python -c "import prakat.db; from piccolo.main import main; \
        import sys; sys.argv=['piccolo','migrations','new','prakat','--auto','--desc','what']; main()"
and rename the file prakat_NNNN_what.py. Two things to fix by hand in what Piccolo writes:
- it proposes `add_column(... column_name="id" ...)` for every table, because our tables declare
  their `id` explicitly (for mypy) and its snapshot never recorded it: delete those calls;
- SQLite cannot ALTER a column's type or nullability, nor ADD CONSTRAINT: keep changes additive,
  and make composite uniqueness a unique index in a raw step (see 0002).
tests/db checks that every migration applies on both engines and that the schema's foreign keys
all point at real tables.
"""
