"""Calendar feed: the secret in the address of each person's feed (users.calendar_token); none yet has one

Revision ID: calendar_token
Revises: list_members
"""

import sqlalchemy as sa
from alembic import op

revision = "calendar_token"
down_revision = "list_members"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_token", sa.String(length=43), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_users_calendar_token"), ["calendar_token"])


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_calendar_token"), type_="unique")
        batch_op.drop_column("calendar_token")
