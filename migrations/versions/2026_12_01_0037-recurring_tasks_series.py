"""Recurring tasks: a task's repeat rule, and the series its occurrences belong to

Revision ID: recurring_tasks
Revises: user_locale
"""

import sqlalchemy as sa
from alembic import op

revision = "recurring_tasks"
down_revision = "user_locale"
branch_labels = None
depends_on = None


def upgrade():
    # Existing tasks do not repeat.
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recurrence", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("repeat_from_completion", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("follows_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_tasks_series_id", ["series_id"], unique=False)
        batch_op.create_unique_constraint("uq_tasks_follows_id", ["follows_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_tasks_follows_id_tasks"), "tasks", ["follows_id"], ["id"], ondelete="SET NULL"
        )


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_tasks_follows_id_tasks"), type_="foreignkey")
        batch_op.drop_constraint("uq_tasks_follows_id", type_="unique")
        batch_op.drop_index("ix_tasks_series_id")
        batch_op.drop_column("follows_id")
        batch_op.drop_column("series_id")
        batch_op.drop_column("repeat_from_completion")
        batch_op.drop_column("recurrence")
