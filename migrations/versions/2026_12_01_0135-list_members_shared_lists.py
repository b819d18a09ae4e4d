"""Shared lists: list_members gives each person a role in a list; every list's creator is its first owner

Revision ID: list_members
Revises: colour_mode
"""

import sqlalchemy as sa
from alembic import op

revision = "list_members"
down_revision = "colour_mode"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "list_members",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "viewer", "editor", "owner", name="list_role", native_enum=False, create_constraint=True, length=20
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"], ["task_lists.id"], name=op.f("fk_list_members_list_id_task_lists"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_list_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("list_id", "user_id", name=op.f("pk_list_members")),
    )
    with op.batch_alter_table("list_members", schema=None) as batch_op:
        batch_op.create_index("ix_list_members_user_id_list_id", ["user_id", "list_id"], unique=False)
    # Every list so far was its owner's alone: the owner becomes its one member, an owner.
    op.execute("INSERT INTO list_members (list_id, user_id, role) SELECT id, owner_id, 'owner' FROM task_lists")


def downgrade():
    # Dropping the table drops its index too (MariaDB refuses to drop it alone: the foreign key uses it).
    op.drop_table("list_members")
