"""Assignees: the members of its list a task is assigned to

Revision ID: task_assignees
Revises: task_events
"""

import sqlalchemy as sa
from alembic import op

revision = "task_assignees"
down_revision = "task_events"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "task_assignees",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_assignees_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_task_assignees_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "user_id", name=op.f("pk_task_assignees")),
    )
    with op.batch_alter_table("task_assignees", schema=None) as batch_op:
        batch_op.create_index("ix_task_assignees_user_id_task_id", ["user_id", "task_id"], unique=False)


def downgrade():
    op.drop_table("task_assignees")
