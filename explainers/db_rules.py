"""Database rules Django cannot declare: a citation's offsets fall inside its source's clean text.

Installed by a migration and again after every `migrate`, because SQLite drops triggers whenever a
later migration rebuilds the table. Each statement is idempotent.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE = [
    """
    CREATE TRIGGER IF NOT EXISTS citation_offsets_inside_text_insert
    BEFORE INSERT ON explainers_citation
    WHEN NEW."end" IS NOT NULL
     AND NEW."end" > (SELECT length(text) FROM sources_source WHERE id = NEW.source_id)
    BEGIN SELECT RAISE(ABORT, 'citation offsets fall outside the source text'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS citation_offsets_inside_text_update
    BEFORE UPDATE OF "end", source_id ON explainers_citation
    WHEN NEW."end" IS NOT NULL
     AND NEW."end" > (SELECT length(text) FROM sources_source WHERE id = NEW.source_id)
    BEGIN SELECT RAISE(ABORT, 'citation offsets fall outside the source text'); END
    """,
]

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION citation_offsets_inside_text() RETURNS trigger AS $$
    BEGIN
      IF NEW."end" IS NOT NULL
         AND NEW."end" > (SELECT char_length(text) FROM sources_source WHERE id = NEW.source_id) THEN
        RAISE EXCEPTION 'citation offsets fall outside the source text' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS citation_offsets_inside_text ON explainers_citation",
    """
    CREATE TRIGGER citation_offsets_inside_text
    BEFORE INSERT OR UPDATE OF "end", source_id ON explainers_citation
    FOR EACH ROW EXECUTE FUNCTION citation_offsets_inside_text()
    """,
]

STATEMENTS = {"sqlite": SQLITE, "postgresql": POSTGRES}


def install_citation_rules(connection: BaseDatabaseWrapper) -> None:
    if "explainers_citation" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in STATEMENTS.get(connection.vendor, []):
            cursor.execute(statement)
