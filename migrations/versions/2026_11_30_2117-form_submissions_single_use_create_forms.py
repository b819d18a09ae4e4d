"""Single-use create forms: the one-time token of each create form that was used

Revision ID: form_submissions
Revises: lists_labels_priorities
"""

import sqlalchemy as sa
from alembic import op

revision = "form_submissions"
down_revision = "lists_labels_priorities"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "form_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_kind", sa.String(length=20), nullable=False),
        sa.Column("created_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_form_submissions_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_submissions")),
        # Also the index the foreign key needs on MariaDB.
        sa.UniqueConstraint("owner_id", "token", name=op.f("uq_form_submissions_owner_id")),
    )


def downgrade():
    op.drop_table("form_submissions")
