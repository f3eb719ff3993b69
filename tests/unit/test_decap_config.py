"""The web editor's config (Decap CMS) is derived from the schema, not copied."""

from __future__ import annotations

import re

import pytest
import yaml

from sadewa import decap, schema

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def config():
    return decap.config(FIXTURES / "catalog" / "products", "products", repo="example/catalog", branch="main", site_url="https://example.org")


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def by_name(fields):
    return {f["name"]: f for f in fields}


def test_every_edit_is_a_pull_request_and_local_editing_is_on_this_machine(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "example/catalog", "branch": "main"}
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")


def test_products_are_created_in_their_sme_folder_with_images_there(config):
    products = collection(config, "produk-batik-sari")
    assert products["folder"] == "products/batik-sari" and products["create"] and not products["delete"]
    assert products["media_folder"] == products["public_folder"] == "images"
    assert products["filter"] == {"field": "region"}  # leaves sme.yaml out: every SME has a region
    assert "region" in schema.SmeFile.model_fields and "region" not in schema.ProductFile.model_fields
    smes = collection(config, "ukm")
    assert [f["file"] for f in smes["files"]] == ["products/batik-sari/sme.yaml", "products/kopi-lereng/sme.yaml"]
    new = collection(config, "ukm-baru")
    assert new["folder"] == "products" and new["path"] == "{{slug}}/sme"


@pytest.mark.parametrize(("name", "model"), [("produk-batik-sari", schema.ProductFile), ("ukm-baru", schema.SmeFile)])
def test_the_fields_are_the_schemas(config, name, model):
    fields = by_name(collection(config, name)["fields"])
    assert list(fields) == list(model.model_fields)
    for field_name, info in model.model_fields.items():
        assert fields[field_name]["required"] == info.is_required(), field_name


def test_widgets_follow_the_types(config):
    product = by_name(collection(config, "produk-batik-sari")["fields"])
    assert product["name"]["widget"] == "object" and by_name(product["name"]["fields"])["id"]["required"]
    assert by_name(product["description"]["fields"])["id"]["widget"] == "markdown"
    assert product["price"]["fields"][0] == {**product["price"]["fields"][0], "widget": "number", "value_type": "int", "min": 1}
    assert product["status"]["options"] == ["active", "draft", "discontinued"]
    assert product["images"]["field"]["widget"] == "image"
    assert product["added"]["widget"] == "datetime" and product["added"]["format"] == "YYYY-MM-DD"
    certificate = by_name(product["certifications"]["fields"])
    assert certificate["type"]["options"] == list(schema.CERTIFICATE_TYPES)
    # Decap checks the fields of a group never opened too: nothing inside an optional group is required.
    assert not any(f["required"] for f in product["export"]["fields"] + product["unit"]["fields"])


def test_patterns_and_their_sentences_come_from_the_schema(config):
    contact = by_name(by_name(collection(config, "ukm-baru")["fields"])["contact"]["fields"])
    pattern, message = contact["whatsapp"]["pattern"]
    assert pattern == schema.WHATSAPP_RE and message == schema.EXPECTED_BY_PATTERN[schema.WHATSAPP_RE]
    assert re.match(pattern, "0812-2700-1234") and not re.match(pattern, "12345")


def test_the_rendered_config_writes_shared_fields_once(config):
    text = decap.render(config)
    assert yaml.safe_load(text) == config
    products = [c for c in config["collections"] if c["name"].startswith("produk-")]
    assert len(products) > 1 and text.count("*shared") >= len(products) - 1  # every SME's collection but the first
    assert text.count('"widget"') < 2 * sum(1 for _ in re.finditer('"widget"', decap.render({"fields": products[0]["fields"]})))
