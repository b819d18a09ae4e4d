"""Reminders on tasks, and a daily digest at a time each person chooses

Revision ID: reminders_and_digests
Revises: notifications
"""

import sqlalchemy as sa
from alembic import op

revision = "reminders_and_digests"
down_revision = "notifications"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("digest_due_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_digest_due_at"), ["digest_due_at"], unique=False)

    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("remind_at", sa.DateTime(), nullable=True),
        sa.Column("days_before", sa.SmallInteger(), nullable=True),
        sa.Column("at_time", sa.Time(), nullable=True),
        sa.Column("fire_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_reminders_task_id_tasks"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("ix_reminders_sent_at_fire_at", ["sent_at", "fire_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminders_task_id"), ["task_id"], unique=False)


def downgrade():
    op.drop_table("reminders")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_digest_due_at"))
        batch_op.drop_column("digest_due_at")
        batch_op.drop_column("digest_time")
