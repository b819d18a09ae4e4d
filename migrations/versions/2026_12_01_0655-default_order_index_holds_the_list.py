"""The default order's index holds each task's list, so a page of the lists a person sees is read from it alone

Revision ID: default_order_index_list
Revises: personal_reminders
"""

from alembic import op

revision = "default_order_index_list"
down_revision = "personal_reminders"
branch_labels = None
depends_on = None

OLD = ("ix_tasks_owner_id_deleted_at_created_at_id", ["owner_id", "deleted_at", "created_at", "id"])
NEW = ("ix_tasks_owner_id_deleted_at_created_at_id_list_id", ["owner_id", "deleted_at", "created_at", "id", "list_id"])


def upgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        # Since lists, every page checks each task's list: without it in the index, a deep page
        # read every row it stepped over. The new index starts with the old one's columns.
        batch_op.create_index(*NEW, unique=False)
        batch_op.drop_index(OLD[0])


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(*OLD, unique=False)
        batch_op.drop_index(NEW[0])
