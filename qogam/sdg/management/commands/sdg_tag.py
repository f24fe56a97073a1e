"""Tag texts in bulk: JSON lines {"id", "text"} on standard input, one result line per input.

    manage.py sdg_tag < records.jsonl > tags.jsonl

A line that is not a JSON object with a string "text" gets {"line": N, "error": …} and the
rest go on. The exit status is 1 when any line failed.
"""

import json
import sys

from django.core.management.base import BaseCommand

from qogam.sdg.tagger import tag


class Command(BaseCommand):
    # Tests hand a stream in place of standard input.
    stealth_options = ("stdin",)
    help = 'Suggest SDGs for JSON lines {"id", "text"} read from standard input.'

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        failed = 0
        for number, line in enumerate(stdin, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                out = {"line": number, "error": f"not valid JSON: {exc.msg}"}
            else:
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    out = {
                        "line": number,
                        "id": record.get("id") if isinstance(record, dict) else None,
                        "error": 'expected an object with a string "text"',
                    }
                else:
                    out = {"id": record.get("id"), **tag(record["text"])}
            failed += "error" in out
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        if failed:
            self.stderr.write(f"{failed} line(s) failed")
            sys.exit(1)
