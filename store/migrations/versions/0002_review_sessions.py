"""Server-side review sessions and blanking corrections.

Revision ID: 0002_review_sessions
Revises: 0001_first_release

``review_sessions`` (one signed-in browser, its cookie id hashed) and
``review_states.blanks`` ("value", "rate" or "value,rate" on a correction that blanks
a figure).  Each step looks first: stores opened by the release before migrations
already have both (that release's ``create_all`` and ad-hoc ``ALTER TABLE … ADD
COLUMN`` at every opening), and are stamped at the baseline, so this runs on them too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_review_sessions"
down_revision = "0001_first_release"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("review_sessions"):
        op.create_table(
            "review_sessions",
            sa.Column("id", sa.String(length=64), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("user_name", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("revoked_why", sa.String(length=32), nullable=True),
            sa.Column("address", sa.String(length=64), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(op.f("ix_review_sessions_user_id"), "review_sessions", ["user_id"], unique=False)
    if "blanks" not in {column["name"] for column in inspector.get_columns("review_states")}:
        op.add_column("review_states", sa.Column("blanks", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_states") as batch:  # SQLite: copy-and-move
        batch.drop_column("blanks")
    op.drop_index(op.f("ix_review_sessions_user_id"), table_name="review_sessions")
    op.drop_table("review_sessions")
