"""A database rule: a citation's offsets always fall inside its source's clean text."""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER citation_offsets_inside_text_insert
    BEFORE INSERT ON explainers_citation
    WHEN NEW."end" IS NOT NULL
     AND NEW."end" > (SELECT length(text) FROM sources_source WHERE id = NEW.source_id)
    BEGIN SELECT RAISE(ABORT, 'citation offsets fall outside the source text'); END
    """,
    """
    CREATE TRIGGER citation_offsets_inside_text_update
    BEFORE UPDATE OF "end", source_id ON explainers_citation
    WHEN NEW."end" IS NOT NULL
     AND NEW."end" > (SELECT length(text) FROM sources_source WHERE id = NEW.source_id)
    BEGIN SELECT RAISE(ABORT, 'citation offsets fall outside the source text'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS citation_offsets_inside_text_insert",
    "DROP TRIGGER IF EXISTS citation_offsets_inside_text_update",
]

POSTGRES = [
    """
    CREATE FUNCTION citation_offsets_inside_text() RETURNS trigger AS $$
    BEGIN
      IF NEW."end" IS NOT NULL
         AND NEW."end" > (SELECT char_length(text) FROM sources_source WHERE id = NEW.source_id) THEN
        RAISE EXCEPTION 'citation offsets fall outside the source text'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER citation_offsets_inside_text
    BEFORE INSERT OR UPDATE OF "end", source_id ON explainers_citation
    FOR EACH ROW EXECUTE FUNCTION citation_offsets_inside_text()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS citation_offsets_inside_text ON explainers_citation",
    "DROP FUNCTION IF EXISTS citation_offsets_inside_text()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("explainers", "0002_initial"), ("sources", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
