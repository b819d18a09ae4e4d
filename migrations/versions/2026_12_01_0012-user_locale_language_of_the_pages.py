"""The language a person chose for the pages (users.locale); none yet follows the browser's

Revision ID: user_locale
Revises: accounts_links_and_two_factor
"""

import sqlalchemy as sa
from alembic import op

revision = "user_locale"
down_revision = "accounts_links_and_two_factor"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        # Nobody has chosen yet: every existing account follows its browser's language (Accept-Language).
        batch_op.add_column(sa.Column("locale", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locale")
