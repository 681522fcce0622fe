# The API lists a year's commitments a page at a time in id order: a walk of this index instead of a sort
# of the whole year (a country's 4.5 million).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0002_progress_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["year", "id"], name="commitment_year_id"),
        ),
    ]
