"""Train the SDG model from the labelled data in ../shared/data/sdg/ and write it into the
package (qogam/sdg/data/model.json.gz). Deterministic: the same data gives the same file.

    manage.py train_sdg_model [--data DIR] [--output FILE]

The held-out abstracts and UN targets (see qogam.sdg.tagger.training) are never used.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qogam.sdg.tagger import model as model_module
from qogam.sdg.tagger import training


class Command(BaseCommand):
    help = "Train the SDG tagger's statistical model on the bundled labelled data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", type=Path, default=Path(settings.BASE_DIR).parent / "shared/data/sdg"
        )
        parser.add_argument("--output", type=Path, default=model_module.MODEL_PATH)

    def handle(self, *args, data: Path, output: Path, **options):
        source = data / "swisstext2024-task1-train.jsonl"
        if not source.is_file():
            raise CommandError(f"Labelled abstracts not found: {source}")
        train, held = training.split_abstracts(training.read_abstracts(source))
        extra = training.un_examples(held_out=False)
        fitted = training.train(train, extra)
        training.write_model(fitted, output)
        self.stdout.write(
            f"trained on {len(train)} abstracts and {len(extra)} UN texts "
            f"({len(held)} abstracts held out); {len(fitted['vocabulary'])} features; "
            f"wrote {output}"
        )
