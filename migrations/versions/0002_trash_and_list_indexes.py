"""Trash (soft delete) for tasks and the indexes the task lists use

Revision ID: 0003_lists
Revises: 0001

The second migration to run. Its revision id is older than its place in the chain and is kept so that
databases already at it upgrade unchanged; the file name gives the order.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_lists"
down_revision = "0001"
branch_labels = None
depends_on = None

LIST_INDEXES = {
    "ix_tasks_owner_id_deleted_at_created_at": ["owner_id", "deleted_at", "created_at"],
    "ix_tasks_owner_id_deleted_at_due_date": ["owner_id", "deleted_at", "due_date"],
    "ix_tasks_owner_id_deleted_at_status_due_date": ["owner_id", "deleted_at", "status", "due_date"],
    "ix_tasks_deleted_at": ["deleted_at"],
}


def upgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        for name, columns in LIST_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        # Superseded by the (owner_id, deleted_at, created_at) index.
        batch_op.drop_index("ix_tasks_owner_id_created_at")


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_owner_id_created_at", ["owner_id", "created_at"], unique=False)
        for name in LIST_INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_column("deleted_at")
