"""Reminders belong to the person who set them: each existing one to its task's owner, who had them all

Revision ID: personal_reminders
Revises: task_assignees
"""

import sqlalchemy as sa
from alembic import op

revision = "personal_reminders"
down_revision = "task_assignees"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
    op.execute("UPDATE reminders SET user_id = (SELECT tasks.owner_id FROM tasks WHERE tasks.id = reminders.task_id)")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_reminders_user_id_users"), "users", ["user_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index(batch_op.f("ix_reminders_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reminders_user_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_reminders_user_id"))
        batch_op.drop_column("user_id")
