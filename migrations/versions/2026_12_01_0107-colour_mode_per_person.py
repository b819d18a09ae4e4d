"""Colour mode per person: System (the default), Light or Dark

Revision ID: colour_mode
Revises: recurring_tasks
"""

import sqlalchemy as sa
from alembic import op

revision = "colour_mode"
down_revision = "recurring_tasks"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        # Everyone starts with pages that follow their system's light or dark setting.
        batch_op.add_column(
            sa.Column(
                "colour_mode",
                sa.Enum(
                    "system", "light", "dark", name="colour_mode", native_enum=False, create_constraint=True, length=20
                ),
                server_default="system",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_colour_mode"), type_="check")
        batch_op.drop_column("colour_mode")
