"""The task list's default order, newest first, read from one index alone

Revision ID: 0005_performance
Revises: 0004_api_tokens
"""

from alembic import op

revision = "0005_performance"
down_revision = "0004_api_tokens"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        # With the id, the tie-break of every list order, the index holds the whole ORDER BY:
        # a page's ids come from the index alone, however deep the page.
        batch_op.create_index(
            "ix_tasks_owner_id_deleted_at_created_at_id", ["owner_id", "deleted_at", "created_at", "id"], unique=False
        )
        # Superseded: the new index starts with the same columns.
        batch_op.drop_index("ix_tasks_owner_id_deleted_at_created_at")


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_owner_id_deleted_at_created_at", ["owner_id", "deleted_at", "created_at"], unique=False
        )
        batch_op.drop_index("ix_tasks_owner_id_deleted_at_created_at_id")
