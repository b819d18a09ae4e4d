"""Lists, labels and priorities: every task in a list (an Inbox per account), labels on tasks, a priority

Revision ID: lists_labels_priorities
Revises: 0005_performance
"""

import sqlalchemy as sa
from alembic import op

revision = "lists_labels_priorities"
down_revision = "0005_performance"
branch_labels = None
depends_on = None

LIST_INDEXES = {
    "ix_tasks_owner_id_list_id_deleted_at_created_at_id": ["owner_id", "list_id", "deleted_at", "created_at", "id"],
    "ix_tasks_owner_id_list_id_deleted_at_status_due_date": ["owner_id", "list_id", "deleted_at", "status", "due_date"],
    "ix_tasks_owner_id_list_id_deleted_at_status_priority": [
        "owner_id",
        "list_id",
        "deleted_at",
        "status",
        "priority",
        "created_at",
        "id",
    ],
    "ix_tasks_list_id": ["list_id"],
}


def upgrade():
    op.create_table(
        "task_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("is_inbox", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_task_lists_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_lists")),
        sa.UniqueConstraint("owner_id", "name_key", name="uq_task_lists_owner_id_name_key"),
    )
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_key", sa.String(length=50), nullable=False),
        sa.Column("colour", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_labels_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labels")),
        sa.UniqueConstraint("owner_id", "name_key", name="uq_labels_owner_id_name_key"),
    )
    op.create_table(
        "task_labels",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_id"], ["labels.id"], name=op.f("fk_task_labels_label_id_labels"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_labels_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "label_id", name=op.f("pk_task_labels")),
    )
    op.create_index("ix_task_labels_label_id_task_id", "task_labels", ["label_id", "task_id"], unique=False)

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("list_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("priority", sa.SmallInteger(), server_default="0", nullable=False))

    # Every existing account gets its Inbox, and every existing task goes into its owner's Inbox.
    op.execute(
        "INSERT INTO task_lists (owner_id, name, name_key, is_inbox, created_at) "
        "SELECT id, 'Inbox', 'inbox', TRUE, CURRENT_TIMESTAMP FROM users"
    )
    op.execute(
        "UPDATE tasks SET list_id = (SELECT task_lists.id FROM task_lists "
        "WHERE task_lists.owner_id = tasks.owner_id AND task_lists.is_inbox = TRUE)"
    )

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.alter_column("list_id", existing_type=sa.Integer(), nullable=False)
        # The indexes first: MariaDB would otherwise add an index of its own for the foreign key.
        for name, columns in LIST_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        # Deleting an account deletes its lists and tasks in either order; a deleted list's tasks go to
        # the Inbox first (crud.delete_list), so the cascade never takes a task with it otherwise.
        batch_op.create_foreign_key(
            op.f("fk_tasks_list_id_task_lists"), "task_lists", ["list_id"], ["id"], ondelete="CASCADE"
        )


def downgrade():
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_tasks_list_id_task_lists"), type_="foreignkey")
        for name in LIST_INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_column("priority")
        batch_op.drop_column("list_id")
    op.drop_table("task_labels")
    op.drop_table("labels")
    op.drop_table("task_lists")
