"""Each person's own time zone: an IANA name, UTC for every account that existed before

Revision ID: user_time_zones
Revises: calendar_token
"""

import sqlalchemy as sa
from alembic import op

revision = "user_time_zones"
down_revision = "calendar_token"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
