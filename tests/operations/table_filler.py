"""Rows of the right types for every table a database has, whatever migrations made it.

The tables are read from the database itself (reflection), so the same code fills a database at any
revision, including tables added after this file was written. Each table gets `ROWS` rows with
explicit ids; a foreign key points at a row of its table filled earlier (tables go parents first).
Values are whole seconds and plain text with a little Unicode, which every database keeps exactly.
"""

import enum
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from helpers import PASSWORD
from sqlalchemy import Column, Connection, MetaData, Table, insert

from webapp.extensions import db
from webapp.passwords import hash_password

ROWS = 3
START = datetime(2026, 1, 2, 3, 4, 5)
# Columns whose meaning the types cannot tell, and the app relies on.
KNOWN_VALUES = {
    ("users", "email"): lambda index: f"filled{index}@example.com",
    ("users", "password_hash"): lambda index: hash_password(PASSWORD),
    ("users", "is_active"): lambda index: True,
    # Two-factor login off, so the test logs in with the password alone.
    ("users", "two_factor_enabled_at"): lambda index: None,
    ("users", "time_zone"): lambda index: "Europe/Berlin",
    ("users", "locale"): lambda index: ("de", "es", None)[index % 3],
    ("tasks", "recurrence"): lambda index: "FREQ=WEEKLY;BYDAY=MO,TH",
}


def reflected_tables(connection: Connection) -> list[Table]:
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name != "alembic_version"]


def fill_every_table(connection: Connection) -> dict[str, list[dict]]:
    """Insert ROWS rows into every table; returns them by table name."""
    filled: dict[str, list[dict]] = {}
    for table in reflected_tables(connection):
        rows = [row_for(table, index, filled) for index in range(1, ROWS + 1)]
        connection.execute(insert(table), rows)
        filled[table.name] = rows
    return filled


def row_for(table: Table, index: int, filled: dict[str, list[dict]]) -> dict:
    return {column.name: value_for(table, column, index, filled) for column in table.columns}


def value_for(table: Table, column: Column, index: int, filled: dict[str, list[dict]]) -> Any:
    if (table.name, column.name) in KNOWN_VALUES:
        return KNOWN_VALUES[table.name, column.name](index)
    for foreign_key in column.foreign_keys:
        parent = foreign_key.column
        if parent.table.name == table.name:
            return None  # a row pointing at its own table: leave the link empty
        parent_rows = filled[parent.table.name]
        return parent_rows[(index - 1) % len(parent_rows)][parent.name]
    return typed_value(table, column, index)


def typed_value(table: Table, column: Column, index: int) -> Any:
    choices = enum_values(table.name, column.name)
    if choices:
        return choices[index % len(choices)]
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = str
    if python_type is bool:
        return index % 2 == 0
    if python_type is int:
        return index
    if python_type is datetime:
        return START + timedelta(days=index, hours=index)
    if python_type is date:
        return (START + timedelta(days=index)).date()
    if python_type is time:
        return (START + timedelta(hours=index, minutes=index)).time()
    if python_type is Decimal:
        return Decimal(index)
    if python_type is bytes:
        return f"bytes {index}".encode()
    text = f"{table.name} {column.name} {index} ✓"
    length = getattr(column.type, "length", None)
    return text[-length:] if length else text


def enum_values(table_name: str, column_name: str) -> list[str]:
    """The allowed values when the models declare the column an enum (a check constraint in the database)."""
    table = db.metadata.tables.get(table_name)
    column = table.columns.get(column_name) if table is not None else None
    enums = getattr(column.type, "enums", None) if column is not None else None
    if not enums:
        return []
    return [value.value if isinstance(value, enum.Enum) else value for value in enums]
