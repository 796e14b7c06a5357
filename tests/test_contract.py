"""``newsdigest schema``: the JSON Schema of the output contract, checked against real output."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import EXAMPLE

from newsdigest.api import digest, summarize
from newsdigest.contract import DOCUMENTS, json_schema
from newsdigest.errors import UsageError
from newsdigest.render import digest_json, json_out, jsonl


def _validator(document: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(document)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_document_is_a_valid_schema_of_its_version():
    for document in DOCUMENTS:
        schema = json_schema(document)
        assert schema["$schema"].endswith("2020-12/schema") and 'schema_version "1"' in schema["description"]
        jsonschema.Draft202012Validator.check_schema(schema)


def test_real_output_validates_and_broken_output_does_not(tmp_path):
    article = json.loads(json_out.render([summarize(EXAMPLE, include_text=True)]))
    validator = _validator("article")
    validator.validate(article)
    del article["claims"][0]["evidence"][0]["start"]
    with pytest.raises(jsonschema.ValidationError, match="'start' is a required property"):
        validator.validate(article)

    missing = tmp_path / "missing.txt"
    report = digest([EXAMPLE, missing])
    _validator("digest").validate(json.loads(digest_json.render(report)))

    lines = [jsonl.line(report.articles[0]), jsonl.line(report.errors[0])]
    validator = _validator("jsonl")
    for line in lines:
        validator.validate(json.loads(line))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"id": "x", "source": "y"})


def test_an_unknown_document_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown document 'yaml'.*article, digest, jsonl"):
        json_schema("yaml")


def test_the_schema_command_prints_each_document_and_validates_summarize_jsonl(run_cli):
    from conftest import EXAMPLE

    for document in DOCUMENTS:
        result = run_cli("schema", document)
        assert result.code == 0, result.stderr
        assert json.loads(result.stdout) == json_schema(document)
    assert json.loads(run_cli("schema").stdout) == json_schema("article")
    wrong = run_cli("schema", "pdf")
    assert wrong.code == 2 and "unknown document 'pdf'" in wrong.stderr
    lines = run_cli("summarize", str(EXAMPLE), str(EXAMPLE), "-f", "jsonl").stdout.splitlines()
    validator = _validator("jsonl")
    for line in lines:
        validator.validate(json.loads(line))
