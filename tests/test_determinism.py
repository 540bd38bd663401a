"""The same question gets the same answer in every process: nothing in the answer depends on the order in which
Python happens to iterate a set of strings, which changes from run to run (PYTHONHASHSEED)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

QUESTIONS = [
    # A rule that refers to another statute's sections: both are quoted, in the statute's order.
    "As an ISP we must keep subscribers' traffic logs under the cybercrime law. That law says the logs must meet the "
    "data-retention and originality requirements of another law. What are those requirements in practice?",
    "What does section 32 of PECA require of service providers?",
    "Someone hacked into our store and deleted the whole product catalogue. What can they be punished with?",
    "We send promotional SMS to our customers. Do we have to let them opt out, and what's the fine if we don't?",
    "Per sub-clauses VI and VII of clause 4.1.1 of the draft AI policy, how is the National AI Fund governed?",
    "What sales tax rate should I charge on orders from my online store?",
]


def answers_in_a_process(data_dir, corpus_dir, questions_file, seed: str) -> list[tuple]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "ASSISTANT_DATA_DIR": str(data_dir),
           "ASSISTANT_CORPUS_DIR": str(corpus_dir), "ASSISTANT_PROGRESS": "0"}
    run = subprocess.run([sys.executable, "-m", "assistant", "batch", str(questions_file)], env=env,
                         capture_output=True, text=True, timeout=600, check=True)
    records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return [(r["reason"], r["answer"], [(c["doc_id"], c["section"], c["page"]) for c in r["citations"]])
            for r in records]


def test_answers_do_not_depend_on_the_hash_seed(built_index, corpus_dir, tmp_path):
    settings, _ = built_index
    questions_file = tmp_path / "questions.jsonl"
    questions_file.write_text("".join(json.dumps({"id": f"q{n}", "question": q}) + "\n"
                                      for n, q in enumerate(QUESTIONS)), encoding="utf-8")
    first = answers_in_a_process(settings.data_dir, corpus_dir, questions_file, "1")
    second = answers_in_a_process(settings.data_dir, corpus_dir, questions_file, "2")
    assert len(first) == len(QUESTIONS)
    assert first == second
