"""Users' session version, raised to end all of a user's sessions

Revision ID: 0002_security
Revises: 0003_lists
Create Date: 2026-11-26 04:40:00

The third migration to run, after 0003_lists. Its revision id is kept so that databases already at it
upgrade unchanged; the file name gives the order.

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002_security"
down_revision = "0003_lists"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), server_default="1", nullable=False))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
