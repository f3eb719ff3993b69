#!/usr/bin/env python3
"""Write a synthetic Sadewa catalog (SPEC §1 layout) for benchmarks and tests.

    python scripts/synthetic_catalog.py --n 10000 --out bench/catalog [--seed 1] [--photos K]

N products across ceil(N/5) SMEs (at least one), plus ``_categories.yaml`` and
``_regions.yaml``. The output depends only on the arguments: the same
arguments give byte-identical files (one ``random.Random(seed)``, no clock,
fixed iteration order). Certificate dates are relative to ``--today``
(default ``DEFAULT_TODAY``), so build with ``SADEWA_TODAY`` set to the same
date to see the intended mix of valid, expiring and expired certificates.

With ``--photos K`` the first K products in sorted ``<sme>/<product>`` order
get one photo each, ``images/<product>.jpg`` (1600×1200 JPEG drawn with
Pillow); without it no image is referenced and Pillow is not needed.

Importable: ``generate(out_dir, n_products, seed=1, photos=0) -> dict`` of
counts; ``build(...)`` returns the data without writing, and ``dump_yaml``
is the small YAML writer used for every file.

If ``--out`` already exists it must be empty or a catalog written by this
script (recognised by the header of its ``_categories.yaml``); it is then
replaced as a whole, so no file of an earlier, larger run is left behind.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_TODAY = dt.date(2026, 12, 1)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "bench" / "catalog"
PRODUCTS_PER_SME = 5
PHOTO_SIZE = (1600, 1200)
MARKER = "# Synthetic catalog written by scripts/synthetic_catalog.py; safe to delete.\n"

# ---------------------------------------------------------------------------
# Catalog-wide constants (docs/sample-data-plan.md), kept here so the script
# does not depend on any other file.

CATEGORIES: list[tuple[str, str, str, bool]] = [
    ("batik", "Batik", "Batik", False),
    ("tenun", "Tenun & lurik", "Woven textiles", False),
    ("furnitur-ukir", "Furnitur & ukiran kayu", "Furniture & wood carving", False),
    ("kerajinan", "Kerajinan tangan", "Handicrafts", False),
    ("fesyen", "Fesyen & aksesori", "Fashion & accessories", False),
    ("makanan-ringan", "Makanan ringan", "Snacks", True),
    ("kopi-teh", "Kopi & teh", "Coffee & tea", True),
    ("olahan-buah", "Olahan buah", "Processed fruit", True),
    ("jamu-herbal", "Jamu & herbal", "Jamu & herbal", True),
]
CATEGORY_SLUGS = [c[0] for c in CATEGORIES]
HALAL_CATEGORIES = {c[0] for c in CATEGORIES if c[3]}

KABUPATEN = [
    "banjarnegara", "banyumas", "batang", "blora", "boyolali", "brebes", "cilacap",
    "demak", "grobogan", "jepara", "karanganyar", "kebumen", "kendal", "klaten",
    "kudus", "magelang", "pati", "pekalongan", "pemalang", "purbalingga",
    "purworejo", "rembang", "semarang", "sragen", "sukoharjo", "tegal",
    "temanggung", "wonogiri", "wonosobo",
]
KOTA = ["magelang", "pekalongan", "salatiga", "semarang", "surakarta", "tegal"]
# (slug, name, type)
REGIONS: list[tuple[str, str, str]] = [
    (s, s.title(), "kabupaten") for s in KABUPATEN
] + [(f"kota-{s}", f"Kota {s.title()}", "kota") for s in KOTA]
REGION_NAME = {slug: name for slug, name, _ in REGIONS}
REGION_SLUGS = [r[0] for r in REGIONS]

AREA_CODE = {
    "banjarnegara": "0286", "banyumas": "0281", "batang": "0285", "blora": "0296",
    "boyolali": "0276", "brebes": "0283", "cilacap": "0282", "demak": "0291",
    "grobogan": "0292", "jepara": "0291", "karanganyar": "0271", "kebumen": "0287",
    "kendal": "0294", "klaten": "0272", "kudus": "0291", "magelang": "0293",
    "pati": "0295", "pekalongan": "0285", "pemalang": "0284", "purbalingga": "0281",
    "purworejo": "0275", "rembang": "0295", "semarang": "0298", "sragen": "0271",
    "sukoharjo": "0271", "tegal": "0283", "temanggung": "0293", "wonogiri": "0273",
    "wonosobo": "0286", "kota-magelang": "0293", "kota-pekalongan": "0285",
    "kota-salatiga": "0298", "kota-semarang": "024", "kota-surakarta": "0271",
    "kota-tegal": "0283",
}

# Where each kind of SME usually is (the rest are spread over the province).
REGION_AFFINITY = {
    "batik": ["kota-pekalongan", "pekalongan", "kota-surakarta", "sragen", "batang", "rembang", "klaten"],
    "tenun": ["jepara", "klaten", "pemalang", "sukoharjo", "kota-surakarta"],
    "furnitur-ukir": ["jepara", "kudus", "blora", "klaten", "sukoharjo"],
    "kerajinan": ["banjarnegara", "purworejo", "magelang", "klaten", "tegal", "boyolali"],
    "fesyen": ["kudus", "kota-surakarta", "kota-semarang", "kota-pekalongan", "tegal"],
    "makanan-ringan": ["banyumas", "kota-semarang", "purbalingga", "kebumen", "kota-tegal", "pati", "cilacap"],
    "kopi-teh": ["temanggung", "wonosobo", "kendal", "semarang", "batang", "banjarnegara"],
    "olahan-buah": ["wonosobo", "banjarnegara", "rembang", "demak", "magelang"],
    "jamu-herbal": ["sukoharjo", "wonosobo", "karanganyar", "wonogiri", "grobogan"],
}
SME_CATEGORY_WEIGHTS = [15, 8, 8, 12, 10, 18, 10, 9, 10]

UNITS = {
    "lembar": ("lembar", "piece"), "potong": ("potong", "piece"), "buah": ("buah", "piece"),
    "set": ("set", "set"), "pasang": ("pasang", "pair"), "bungkus": ("bungkus", "pack"),
    "kotak": ("kotak", "box"), "botol": ("botol", "bottle"), "toples": ("toples", "jar"),
    "kg": ("kg", "kg"), "sachet": ("sachet", "sachet"),
}

# Per category: SME name stems, product items (id, en, unit, weight range g,
# HS code), variants (id, en), price range IDR, materials, tags, sentences.
CATALOG_WORDS: dict[str, dict[str, Any]] = {
    "batik": {
        "stems": ["Batik", "Batik Tulis", "Batik Cap", "Batik Pesisir", "Canting"],
        "items": [
            ("Kain Batik Tulis", "Hand-drawn batik cloth", "lembar", (300, 600), "5208.52"),
            ("Kain Batik Cap", "Stamped batik cloth", "lembar", (300, 550), "5208.52"),
            ("Kemeja Batik", "Batik shirt", "potong", (200, 350), "6205.20"),
            ("Selendang Batik Sutra", "Silk batik shawl", "lembar", (80, 200), "6214.10"),
            ("Sarung Batik", "Batik sarong", "lembar", (300, 500), "5208.52"),
            ("Daster Batik", "Batik house dress", "potong", (150, 300), "6204.42"),
            ("Taplak Meja Batik", "Batik tablecloth", "lembar", (200, 450), "6302.51"),
        ],
        "variants": [
            ("Motif Parang", "Parang motif"), ("Motif Kawung", "Kawung motif"),
            ("Motif Truntum", "Truntum motif"), ("Sekar Jagad", "Sekar Jagad motif"),
            ("Mega Mendung", "Mega Mendung motif"), ("Jlamprang", "Jlamprang motif"),
            ("Buketan", "Buketan floral motif"), ("Sidomukti", "Sidomukti motif"),
            ("Lasem Tiga Negeri", "Lasem three-country motif"), ("Sogan", "sogan brown"),
        ],
        "price": (150_000, 3_500_000),
        "materials": [("Katun primisima, malam, pewarna alam", "Primisima cotton, wax, natural dyes"),
                      ("Katun prima, pewarna sintetis", "Prima cotton, synthetic dyes"),
                      ("Sutra, malam, pewarna alam", "Silk, wax, natural dyes")],
        "tags": ["batik tulis", "batik cap", "pewarna alam", "kain", "motif klasik", "handmade"],
        "craft": [("Setiap lembar dibatik dengan canting dan malam panas.",
                   "Every piece is waxed by hand with a canting and hot wax."),
                  ("Warna diperoleh dari pencelupan berulang hingga pekat.",
                   "The colours come from repeated dye baths until deep and even."),
                  ("Motifnya diwariskan turun-temurun di kampung kami.",
                   "Its motif has been handed down for generations in our village.")],
    },
    "tenun": {
        "stems": ["Tenun", "Lurik", "Tenun Ikat", "Tenun ATBM"],
        "items": [
            ("Kain Tenun Troso", "Troso woven cloth", "lembar", (300, 600), "5208.43"),
            ("Kain Lurik", "Lurik striped cloth", "lembar", (250, 500), "5208.43"),
            ("Sarung Tenun", "Woven sarong", "lembar", (350, 600), "5208.43"),
            ("Syal Tenun", "Woven scarf", "lembar", (80, 180), "6214.90"),
            ("Tas Lurik", "Lurik tote bag", "buah", (150, 400), "4202.22"),
            ("Taplak Tenun ATBM", "Handloom table runner", "lembar", (150, 300), "6302.59"),
        ],
        "variants": [
            ("Merah Marun", "maroon"), ("Biru Indigo", "indigo blue"), ("Cokelat Soga", "soga brown"),
            ("Hijau Daun", "leaf green"), ("Hitam Putih", "black and white"), ("Krem", "cream"),
            ("Motif Ikat", "ikat pattern"), ("Garis Tumpal", "tumpal stripes"),
        ],
        "price": (90_000, 1_600_000),
        "materials": [("Benang katun", "Cotton yarn"), ("Benang sutra dan katun", "Silk and cotton yarn")],
        "tags": ["tenun", "lurik", "atbm", "kain tradisional", "handmade"],
        "craft": [("Ditenun dengan alat tenun bukan mesin (ATBM) oleh penenun setempat.",
                   "Woven on traditional handlooms by local weavers."),
                  ("Satu lembar kain memerlukan dua sampai lima hari tenun.",
                   "A single cloth takes two to five days on the loom.")],
    },
    "furnitur-ukir": {
        "stems": ["Mebel Jati", "Ukir Jati", "Ukiran", "Furnitur Jati", "Mebel Ukir"],
        "items": [
            ("Kursi Ukir Jati", "Carved teak chair", "buah", (8_000, 15_000), "9401.61"),
            ("Meja Makan Jati", "Teak dining table", "buah", (35_000, 70_000), "9403.60"),
            ("Lemari Ukir", "Carved cabinet", "buah", (40_000, 90_000), "9403.60"),
            ("Panel Relief Ukir", "Carved relief panel", "buah", (3_000, 12_000), "4420.90"),
            ("Cermin Bingkai Ukir", "Carved mirror frame", "buah", (4_000, 10_000), "4414.90"),
            ("Bangku Taman Jati", "Teak garden bench", "buah", (20_000, 40_000), "9401.61"),
            ("Kotak Perhiasan Ukir", "Carved jewellery box", "buah", (400, 1_500), "4420.90"),
        ],
        "variants": [
            ("Motif Lung-lungan", "scroll pattern"), ("Jepara Klasik", "classic Jepara style"),
            ("Minimalis", "minimalist"), ("Finishing Natural", "natural finish"),
            ("Finishing Salak Brown", "salak brown finish"), ("Motif Macan Kurung", "caged tiger motif"),
        ],
        "price": (350_000, 25_000_000),
        "materials": [("Kayu jati bersertifikat SVLK", "SVLK-certified teak wood"),
                      ("Kayu jati, finishing melamin", "Teak wood, melamine finish"),
                      ("Kayu mahoni", "Mahogany")],
        "tags": ["ukir jepara", "kayu jati", "mebel", "furnitur", "interior", "handmade"],
        "craft": [("Diukir tangan oleh pengukir berpengalaman dari sentra ukir.",
                   "Hand-carved by experienced carvers from the carving centre."),
                  ("Kayu dikeringkan dalam oven agar tidak retak.",
                   "The wood is kiln-dried so it does not crack.")],
    },
    "kerajinan": {
        "stems": ["Anyaman Bambu", "Keramik", "Gerabah", "Kerajinan", "Wayang"],
        "items": [
            ("Keranjang Anyaman Bambu", "Woven bamboo basket", "buah", (200, 900), "4602.11"),
            ("Tudung Saji Bambu", "Bamboo food cover", "buah", (150, 500), "4602.11"),
            ("Vas Keramik Klampok", "Klampok ceramic vase", "buah", (500, 2_500), "6913.90"),
            ("Celengan Gerabah", "Earthenware piggy bank", "buah", (300, 1_200), "6912.00"),
            ("Lampu Hias Bambu", "Bamboo lamp", "buah", (400, 1_500), "9405.50"),
            ("Wayang Kulit Mini", "Miniature leather puppet", "buah", (50, 200), "9705.90"),
            ("Tas Anyaman Pandan", "Pandan leaf bag", "buah", (150, 400), "4602.19"),
            ("Wayang Golek", "Wooden rod puppet", "buah", (300, 900), "4420.10"),
        ],
        "variants": [
            ("Kecil", "small"), ("Sedang", "medium"), ("Besar", "large"), ("Isi 3", "set of 3"),
            ("Natural", "natural"), ("Motif Kawung", "kawung pattern"), ("Warna Cokelat", "brown"),
        ],
        "price": (20_000, 850_000),
        "materials": [("Bambu apus", "Apus bamboo"), ("Tanah liat", "Clay"),
                      ("Daun pandan kering", "Dried pandan leaves"), ("Kulit kerbau", "Buffalo hide")],
        "tags": ["kerajinan", "anyaman", "bambu", "keramik", "dekorasi", "ramah lingkungan"],
        "craft": [("Dianyam tangan oleh ibu-ibu perajin di desa.",
                   "Hand-woven by women artisans in the village."),
                  ("Dibakar dalam tungku tradisional lalu diwarnai manual.",
                   "Fired in a traditional kiln and painted by hand.")],
    },
    "fesyen": {
        "stems": ["Bordir", "Konveksi", "Kulit", "Busana", "Aksesori"],
        "items": [
            ("Kerudung Bordir", "Embroidered headscarf", "lembar", (80, 150), "6214.90"),
            ("Kebaya Bordir Kudus", "Kudus embroidered kebaya", "potong", (200, 400), "6206.30"),
            ("Tas Kulit", "Leather bag", "buah", (400, 1_200), "4202.21"),
            ("Dompet Batik", "Batik wallet", "buah", (80, 200), "4202.32"),
            ("Sandal Anyaman", "Woven sandals", "pasang", (250, 500), "6405.90"),
            ("Blangkon Solo", "Solo blangkon headdress", "buah", (100, 200), "6505.00"),
            ("Bros Perak", "Silver brooch", "buah", (10, 40), "7113.11"),
        ],
        "variants": [
            ("Hitam", "black"), ("Navy", "navy"), ("Merah Bata", "brick red"), ("Putih Gading", "ivory"),
            ("Motif Melati", "jasmine pattern"), ("Ukuran M", "size M"), ("Ukuran L", "size L"),
        ],
        "price": (45_000, 1_250_000),
        "materials": [("Katun paris, benang bordir", "Paris cotton, embroidery thread"),
                      ("Kulit sapi asli", "Genuine cowhide"), ("Perak 925", "925 silver")],
        "tags": ["fesyen", "bordir", "aksesori", "busana muslim", "kulit", "oleh-oleh"],
        "craft": [("Dibordir dengan mesin kejek oleh penjahit Kudus.",
                   "Embroidered on foot-powered machines by Kudus tailors."),
                  ("Dijahit rapi dan diperiksa satu per satu.",
                   "Neatly sewn and checked piece by piece.")],
    },
    "makanan-ringan": {
        "stems": ["Keripik", "Wingko", "Camilan", "Aneka Snack", "Lanting", "Getuk"],
        "items": [
            ("Keripik Tempe", "Tempeh chips", "bungkus", (100, 500), "2008.19"),
            ("Keripik Singkong", "Cassava chips", "bungkus", (100, 500), "2008.99"),
            ("Wingko Babat", "Wingko coconut cake", "kotak", (250, 500), "1905.90"),
            ("Getuk Goreng", "Fried getuk cassava cake", "kotak", (250, 500), "1905.90"),
            ("Lanting", "Lanting cassava rings", "bungkus", (150, 500), "1905.90"),
            ("Kacang Oven", "Oven-roasted peanuts", "toples", (200, 500), "2008.11"),
            ("Emping Melinjo", "Melinjo crackers", "bungkus", (100, 500), "1905.90"),
            ("Kerupuk Rambak", "Rambak crackers", "bungkus", (100, 300), "1905.90"),
        ],
        "variants": [
            ("Original", "original"), ("Pedas", "spicy"), ("Balado", "balado"), ("Keju", "cheese"),
            ("Bawang", "garlic"), ("Jeruk Purut", "kaffir lime"), ("Gula Jawa", "palm sugar"),
        ],
        "price": (8_000, 75_000),
        "tags": ["camilan", "oleh-oleh", "keripik", "tanpa pengawet", "makanan ringan", "renyah"],
        "craft": [("Digoreng dengan minyak baru setiap hari dan dikemas rapat.",
                   "Fried in fresh oil every day and sealed tight."),
                  ("Dibuat dari bahan lokal tanpa pengawet.",
                   "Made from local ingredients with no preservatives.")],
    },
    "kopi-teh": {
        "stems": ["Kopi", "Teh", "Kopi Gunung", "Kebun Teh", "Roastery"],
        "items": [
            ("Kopi Arabika Sindoro", "Sindoro arabica coffee", "bungkus", (200, 1_000), "0901.21"),
            ("Kopi Robusta Temanggung", "Temanggung robusta coffee", "bungkus", (200, 1_000), "0901.21"),
            ("Kopi Bubuk", "Ground coffee", "bungkus", (100, 500), "0901.21"),
            ("Green Bean Arabika", "Arabica green beans", "kg", (1_000, 1_000), "0901.11"),
            ("Teh Hijau Tambi", "Tambi green tea", "kotak", (50, 250), "0902.10"),
            ("Teh Hitam", "Black tea", "kotak", (50, 250), "0902.30"),
            ("Teh Melati", "Jasmine tea", "kotak", (50, 200), "0902.10"),
            ("Kopi Lanang", "Peaberry coffee", "bungkus", (100, 500), "0901.21"),
        ],
        "variants": [
            ("Natural", "natural process"), ("Full Wash", "fully washed"), ("Honey", "honey process"),
            ("Wine", "wine process"), ("Premium", "premium grade"), ("Celup", "tea bags"),
        ],
        "price": (20_000, 275_000),
        "tags": ["kopi", "teh", "arabika", "robusta", "single origin", "dataran tinggi"],
        "craft": [("Dipetik merah dari kebun di lereng gunung pada ketinggian 1.200 mdpl.",
                   "Picked ripe from gardens on the mountain slopes at 1,200 m."),
                  ("Disangrai dalam jumlah kecil agar rasanya terjaga.",
                   "Roasted in small batches to keep the flavour.")],
    },
    "olahan-buah": {
        "stems": ["Carica", "Salak", "Manisan", "Sari Buah", "Kawista"],
        "items": [
            ("Manisan Carica", "Candied carica", "kotak", (300, 1_200), "2008.99"),
            ("Sirup Kawista", "Kawista syrup", "botol", (500, 800), "2106.90"),
            ("Selai Salak", "Snake fruit jam", "toples", (200, 400), "2007.99"),
            ("Keripik Salak", "Snake fruit chips", "bungkus", (100, 250), "2008.99"),
            ("Dodol Durian", "Durian dodol", "kotak", (250, 500), "1704.90"),
            ("Sari Buah Jambu", "Guava juice", "botol", (250, 1_000), "2009.89"),
            ("Manisan Pala", "Candied nutmeg", "bungkus", (100, 300), "2006.00"),
        ],
        "variants": [
            ("Isi 6", "pack of 6"), ("Isi 12", "pack of 12"), ("Kemasan Gelas", "cups"),
            ("Kemasan Botol", "bottled"), ("Tanpa Gula Tambahan", "no added sugar"), ("Original", "original"),
        ],
        "price": (12_000, 95_000),
        "tags": ["carica", "salak", "oleh-oleh dieng", "buah lokal", "manisan", "segar"],
        "craft": [("Dibuat dari buah segar hasil panen petani sekitar.",
                   "Made from fresh fruit harvested by nearby farmers."),
                  ("Diolah dengan resep keluarga dan dipasteurisasi.",
                   "Prepared to a family recipe and pasteurised.")],
    },
    "jamu-herbal": {
        "stems": ["Jamu", "Herbal", "Jamu Gendong", "Rempah", "Purwaceng"],
        "items": [
            ("Jamu Kunyit Asam", "Turmeric-tamarind jamu", "botol", (250, 600), "2202.99"),
            ("Jamu Beras Kencur", "Rice and kencur jamu", "botol", (250, 600), "2202.99"),
            ("Wedang Uwuh", "Wedang uwuh spice drink", "bungkus", (50, 200), "2106.90"),
            ("Purwaceng Bubuk", "Purwaceng powder", "toples", (50, 200), "1211.90"),
            ("Temulawak Instan", "Instant temulawak", "toples", (200, 500), "2106.90"),
            ("Jahe Merah Instan", "Instant red ginger", "toples", (200, 500), "2106.90"),
            ("Minyak Kayu Putih", "Cajeput oil", "botol", (60, 250), "3301.29"),
        ],
        "variants": [
            ("Original", "original"), ("Rendah Gula", "low sugar"), ("Sachet", "sachets"),
            ("Isi 10", "pack of 10"), ("Botol Kaca", "glass bottle"), ("Dengan Madu", "with honey"),
        ],
        "price": (10_000, 125_000),
        "tags": ["jamu", "herbal", "rempah", "minuman tradisional", "kesehatan", "tanpa pengawet"],
        "craft": [("Diracik dari rimpang segar sesuai resep jamu turun-temurun.",
                   "Blended from fresh rhizomes to a jamu recipe passed down the family."),
                  ("Tanpa bahan kimia obat dan tanpa pengawet.",
                   "No added medicinal chemicals and no preservatives.")],
    },
}

NAME_PREFIX = ["", "", "", "", "UD ", "CV ", "KUB ", "Koperasi ", "Rumah ", "Griya ", "Sentra "]
NAME_WORDS = [
    "Sekar", "Arum", "Lestari", "Mandiri", "Jaya", "Makmur", "Sejahtera", "Barokah", "Sari",
    "Putri", "Mulya", "Abadi", "Sentosa", "Rejeki", "Wangi", "Asri", "Indah", "Maju",
    "Sumber", "Karya", "Tunas", "Melati", "Kenanga", "Cempaka", "Mekar", "Gemilang",
    "Berkah", "Utama", "Agung", "Rahayu", "Ayu", "Sindoro", "Sumbing", "Merapi", "Dieng",
]
VILLAGES = [
    "Karangrejo", "Sukorejo", "Sidomulyo", "Mulyoharjo", "Troso", "Pedan", "Laweyan", "Kauman",
    "Tambi", "Kledung", "Gemawang", "Kalisalak", "Nguter", "Klampok", "Tahunan", "Senenan",
    "Sumberejo", "Ngablak", "Tlogomulyo", "Candiroto", "Kaliwiro", "Kertek", "Mojotengah",
    "Wonokerto", "Kradenan", "Banyuurip", "Jatisari", "Ngemplak", "Tegalsari", "Purwosari",
]
STREETS = ["Melati", "Mawar", "Kenanga", "Pahlawan", "Diponegoro", "Sudirman", "Veteran",
           "Gatot Subroto", "Pemuda", "Kartini", "Ahmad Yani", "Sultan Agung", "Pramuka"]
FIRST_F = ["Sri", "Siti", "Endang", "Tri", "Dwi", "Wahyu", "Rina", "Yuni", "Suparmi", "Sumarni",
           "Ratna", "Nur", "Umi", "Ani", "Kartika"]
FIRST_M = ["Slamet", "Bambang", "Agus", "Budi", "Joko", "Heru", "Teguh", "Wahyudi", "Supriyadi",
           "Mulyono", "Eko", "Hadi", "Rudi", "Ahmad", "Muhammad"]
LAST = ["Wahyuni", "Rahayu", "Santoso", "Widodo", "Hartono", "Susanto", "Prasetyo", "Kurniawan",
        "Setiawan", "Nugroho", "Purnomo", "Handayani", "Lestari", "Rahmawati", "Hidayat", "Saputra"]
MOBILE_PREFIXES = ["811", "812", "813", "821", "822", "823", "852", "853", "851", "814", "815",
                   "816", "855", "856", "857", "858", "817", "818", "819", "859", "877", "878",
                   "895", "896", "897", "898", "899", "881", "882", "838"]
MARKETPLACES = [("Tokopedia", "tokopedia"), ("Shopee", "shopee"), ("Bukalapak", "bukalapak"),
                ("Blibli", "blibli"), ("Lazada", "lazada"), ("TikTok Shop", "tiktokshop")]
TRAINING = ["Balatkop pemasaran digital", "Balatkop manajemen keuangan UMKM",
            "Balatkop pengemasan produk", "Balatkop ekspor untuk UKM", "Balatkop foto produk",
            "Balatkop desain produk", "Balatkop perizinan usaha"]
_FOOD_TRAINING = ["Balatkop keamanan pangan", "Balatkop sertifikasi halal"]
TRAINING_BY_CATEGORY = {
    "batik": ["Balatkop batik", "Balatkop pewarna alam"], "tenun": ["Balatkop tenun ATBM"],
    "furnitur-ukir": ["Balatkop ukir kayu", "Balatkop legalitas kayu (SVLK)"],
    "kerajinan": ["Balatkop anyaman bambu", "Balatkop keramik"], "fesyen": ["Balatkop bordir"],
    "makanan-ringan": _FOOD_TRAINING, "kopi-teh": _FOOD_TRAINING + ["Balatkop pascapanen kopi"],
    "olahan-buah": _FOOD_TRAINING, "jamu-herbal": _FOOD_TRAINING + ["Balatkop jamu higienis"],
}
INCOTERMS = ["FOB Semarang", "FOB Semarang", "FOB Tanjung Emas", "CIF", "EXW", "FCA Semarang"]

STORY_OPEN = [
    ("{name} berdiri pada {year} di Desa {village}, {region}.",
     "{name} was founded in {year} in the village of {village}, {region}."),
    ("Usaha keluarga ini dirintis {owner} di rumahnya di {village}, {region}, sejak {year}.",
     "This family business was started by {owner} at home in {village}, {region}, in {year}."),
    ("Berawal dari dapur dan teras rumah di {village}, {name} kini mempekerjakan {staff} warga sekitar.",
     "Starting from a kitchen and front porch in {village}, {name} now employs {staff} neighbours."),
    ("Di {region}, {name} dikenal sebagai salah satu perintis **{stem_id}** sejak {year}.",
     "In {region}, {name} has been known as a pioneer of **{stem_en}** since {year}."),
]
STORY_CLOSE = [
    ("Kami menerima pesanan partai besar dan kunjungan ke bengkel kami.",
     "We take bulk orders and welcome visits to our workshop."),
    ("Produk kami sudah dikirim ke berbagai kota di Indonesia.",
     "Our products have been shipped to cities all over Indonesia."),
    ("Sebagian hasil penjualan kami sisihkan untuk pelatihan perajin muda.",
     "Part of every sale goes to training young artisans."),
    ("Hubungi kami lewat WhatsApp untuk pesanan khusus.",
     "Message us on WhatsApp for custom orders."),
]
DESC_CLOSE = [
    ("Cocok untuk oleh-oleh dan hadiah.", "A good gift or souvenir."),
    ("Dikemas rapi dan aman untuk pengiriman jauh.", "Packed carefully for long-distance shipping."),
    ("Stok terbatas, tanyakan ketersediaan sebelum memesan.", "Limited stock; ask before ordering."),
    ("Bisa pesan dalam jumlah besar untuk acara dan kantor.", "Bulk orders for events and offices welcome."),
    ("", ""),
]

# Colours for the drawn photos, per category.
PALETTES = {
    "batik": [(92, 58, 33), (140, 90, 50), (230, 210, 170), (35, 45, 90), (20, 20, 20)],
    "tenun": [(128, 20, 40), (40, 60, 120), (200, 170, 120), (30, 30, 30), (230, 225, 210)],
    "furnitur-ukir": [(120, 75, 40), (160, 110, 60), (90, 55, 30), (210, 180, 140), (240, 235, 225)],
    "kerajinan": [(190, 160, 100), (150, 120, 70), (170, 80, 50), (90, 120, 70), (240, 230, 210)],
    "fesyen": [(30, 40, 70), (180, 50, 60), (240, 235, 220), (20, 20, 20), (200, 160, 90)],
    "makanan-ringan": [(220, 170, 60), (180, 110, 40), (250, 230, 180), (200, 60, 40), (255, 250, 240)],
    "kopi-teh": [(70, 40, 25), (120, 80, 45), (60, 110, 50), (200, 180, 140), (245, 240, 230)],
    "olahan-buah": [(240, 170, 40), (200, 80, 40), (120, 160, 60), (250, 220, 120), (255, 250, 240)],
    "jamu-herbal": [(230, 160, 30), (200, 120, 40), (110, 140, 60), (240, 220, 160), (250, 245, 235)],
}

# ---------------------------------------------------------------------------
# A small YAML writer: block style, fast, and exact (every value reads back
# as written with yaml.safe_load, and under YAML 1.2 core rules too).


class FlowMap(dict):
    """A mapping written in flow style: ``{id: lembar, en: piece}``."""


class FlowList(list):
    """A list written in flow style: ``[a, b]``."""


class Quoted(str):
    """A string always written double-quoted (phones, HS codes, numbers)."""


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,&()'/+@:%=?-]*\Z")
_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.&()/+@%=?-]*\Z")
_SPECIAL_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
# Characters YAML does not allow raw (or treats as line breaks): escape them.
_NONPRINT = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_LITERAL_BAD = re.compile("[^\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")


def _quote(s: str) -> str:
    q = json.dumps(s, ensure_ascii=False)
    if _NONPRINT.search(q):
        q = _NONPRINT.sub(lambda m: "\\u%04x" % ord(m.group()) if ord(m.group()) < 0x10000
                          else "\\U%08x" % ord(m.group()), q)
    return q


def _plain_ok(s: str, flow: bool) -> bool:
    if type(s) is Quoted or not (flow and _FLOW_PLAIN or _PLAIN).match(s):
        return False
    if s[-1] in " :" or ": " in s or " #" in s or s.lower() in _SPECIAL_WORDS:
        return False
    return True


def _scalar(v: Any, indent: int, flow: bool = False) -> str:
    if isinstance(v, str):
        if "\n" in v and not flow:
            lit = _literal(v, indent)
            if lit is not None:
                return lit
        return v if _plain_ok(v, flow) else _quote(v)
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        if "e" in r or "n" in r:  # exponent, inf, nan: not needed here
            raise ValueError(f"unsupported float {v!r}")
        return r
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v.isoformat()
    raise TypeError(f"cannot write {type(v).__name__} as a YAML scalar")


def _literal(s: str, indent: int) -> str | None:
    """``|`` block for multi-line Markdown, or None if it would not round-trip."""
    if s[0] in " \n" or _LITERAL_BAD.search(s) or s.endswith("\n\n"):
        return None
    lines = s[:-1].split("\n") if s.endswith("\n") else s.split("\n")
    if any(line.endswith(" ") for line in lines):
        return None
    pad = " " * indent
    head = "|" if s.endswith("\n") else "|-"
    return head + "".join("\n" + (pad + line if line else "") for line in lines)


def _flow(v: Any) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_flow(x) for x in v) + "]"
    return _scalar(v, 0, flow=True)


def _emit_map(out: list[str], m: dict, indent: int) -> None:
    pad = " " * indent
    for k, v in m.items():
        if isinstance(v, (FlowMap, FlowList)) or (isinstance(v, (dict, list)) and not v):
            out.append(f"{pad}{k}: {_flow(v)}")
        elif isinstance(v, dict):
            out.append(f"{pad}{k}:")
            _emit_map(out, v, indent + 2)
        elif isinstance(v, list):
            out.append(f"{pad}{k}:")
            _emit_list(out, v, indent + 2)
        else:
            out.append(f"{pad}{k}: {_scalar(v, indent + 2)}")


def _emit_list(out: list[str], items: list, indent: int) -> None:
    pad = " " * indent
    for v in items:
        if isinstance(v, dict) and v and not isinstance(v, FlowMap):
            sub: list[str] = []
            _emit_map(sub, v, indent + 2)
            sub[0] = pad + "- " + sub[0][indent + 2:]
            out.extend(sub)
        elif isinstance(v, list) and v and not isinstance(v, FlowList):
            sub = []
            _emit_list(sub, v, indent + 2)
            sub[0] = pad + "- " + sub[0][indent + 2:]
            out.extend(sub)
        elif isinstance(v, (dict, list)):
            out.append(f"{pad}- {_flow(v)}")
        else:
            out.append(f"{pad}- {_scalar(v, indent + 2)}")


def dump_yaml(data: dict | list, header: str = "") -> str:
    """YAML text of a mapping or list (block style; FlowMap/FlowList inline)."""
    out: list[str] = []
    if isinstance(data, dict):
        _emit_map(out, data, 0)
    else:
        _emit_list(out, data, 0)
    return header + "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Data


def slugify(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " dan ")).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] if "-" in s[:limit] else s[:limit]
    return s.strip("-") or "item"


_SLUG = re.compile(r"(?=.*[a-z])[a-z0-9][a-z0-9-]{1,79}\Z")
_RESERVED = {"sme", "page", "halaman"}


def valid_slug(s: str) -> bool:
    return bool(_SLUG.match(s)) and s not in _RESERVED


def _round_price(x: float) -> int:
    step = 500 if x < 100_000 else 1_000 if x < 1_000_000 else 50_000
    return max(step, int(round(x / step)) * step)


def _whatsapp(rng: random.Random) -> Quoted:
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 8, 8))))
    a, b = rest[:4], rest[4:]
    form = rng.randrange(7)
    if form == 0:
        s = f"0{prefix}-{a}-{b}"
    elif form == 1:
        s = f"+62 {prefix} {a} {b}"
    elif form == 2:
        s = f"0{prefix}{rest}"
    elif form == 3:
        s = f"62{prefix}{rest}"
    elif form == 4:
        s = f"0{prefix} {a} {b}"
    elif form == 5:
        s = f"+62{prefix}{rest}"
    else:
        s = f"+62-{prefix}-{a}-{b}"
    return Quoted(s)


def _owner(rng: random.Random) -> str:
    if rng.random() < 0.5:
        first, title = rng.choice(FIRST_F), "Ibu"
    else:
        first, title = rng.choice(FIRST_M), "Bapak"
    name = f"{first} {rng.choice(LAST)}"
    return f"{title} {name}" if rng.random() < 0.6 else name


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def _validity(rng: random.Random, today: dt.date) -> dt.date:
    """A valid_until date: ~12% expired, ~12% expiring within 60 days, rest valid."""
    r = rng.random()
    if r < 0.12:
        return today - dt.timedelta(days=rng.randint(1, 500))
    if r < 0.24:
        return today + dt.timedelta(days=rng.randint(0, 59))
    return today + dt.timedelta(days=rng.randint(60, 1800))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _allocate(rng: random.Random, n_products: int, n_smes: int) -> list[int]:
    """Products per SME: at least one each (when there are enough), skewed."""
    base = 1 if n_products >= n_smes else 0
    counts = [base] * n_smes
    if not base:
        for i in range(n_products):
            counts[i] += 1
        return counts
    weights = [rng.paretovariate(1.6) for _ in range(n_smes)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    for _ in range(n_products - n_smes):
        i = bisect.bisect_right(cum, rng.random() * total)
        counts[min(i, n_smes - 1)] += 1
    return counts


def _sme(rng: random.Random, i: int, today: dt.date, counts: dict) -> tuple[str, dict, dict]:
    cat = rng.choices(CATEGORY_SLUGS, weights=SME_CATEGORY_WEIGHTS)[0]
    words = CATALOG_WORDS[cat]
    region = (rng.choice(REGION_AFFINITY[cat]) if rng.random() < 0.65 else rng.choice(REGION_SLUGS))
    region_name = REGION_NAME[region]
    short_region = region_name.removeprefix("Kota ")
    stem = rng.choice(words["stems"])
    extra = " ".join(rng.sample(NAME_WORDS, rng.choice((1, 1, 2))))
    name = f"{rng.choice(NAME_PREFIX)}{stem} {extra}"
    if rng.random() < 0.3:
        name += f" {short_region}"
    slug = f"{slugify(name)}-{i + 1}"
    year = rng.randint(1965, min(2023, today.year))
    owner = _owner(rng)
    village = rng.choice(VILLAGES)
    fmt = dict(name=name, year=year, village=village, region=region_name, owner=owner,
               staff=rng.randint(3, 60), stem_id=stem.lower(), stem_en=stem.lower())
    o_id, o_en = rng.choice(STORY_OPEN)
    c_id, c_en = rng.choice(words["craft"])
    e_id, e_en = rng.choice(STORY_CLOSE)
    website = f"https://{slugify(name, 40)}.example" if rng.random() < 0.2 else None
    link_id = link_en = ""
    if website and rng.random() < 0.5:
        link_id = f" Katalog lengkap ada di [situs kami]({website})."
        link_en = f" See the full range on [our website]({website})."
    story = {"id": f"{o_id.format(**fmt)} {c_id}\n\n{e_id}{link_id}\n"}
    if rng.random() < 0.8:
        story["en"] = f"{o_en.format(**fmt)} {c_en}\n\n{e_en}{link_en}\n"
        counts["smes_story_en"] += 1
    handle = slugify(name).replace("-", rng.choice(("", "", ".", "_")))[:28].strip("._")
    contact: dict[str, Any] = {}
    r = rng.random()
    if r < 0.9:
        contact["whatsapp"] = _whatsapp(rng)
    if r >= 0.6:
        local = rng.choice(("info", "halo", "order", "admin", handle.replace("_", ".")))
        domain = rng.choice((f"{slugify(name, 40)}.example", "mail.example", "surel.example"))
        contact["email"] = f"{local}@{domain}"
    if rng.random() < 0.2:
        area = AREA_CODE[region]
        contact["phone"] = Quoted(f"({area}) {_digits(rng, 6 if len(area) == 4 else 7)}")
    if website:
        contact["website"] = website
    if rng.random() < 0.35:
        contact["instagram"] = handle
    sme: dict[str, Any] = {"name": name, "region": region, "story": story, "contact": contact}
    if rng.random() < 0.7:
        sme["address"] = (f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 150)}, "
                          f"Desa {village}, {region_name}")
    if rng.random() < 0.6:
        sme["established"] = year
    if rng.random() < 0.6:
        sme["owner"] = owner
    if rng.random() < 0.3:
        shops = rng.sample(MARKETPLACES, rng.randint(1, 3))
        sme["marketplaces"] = [
            {"name": label, "url": f"https://{host}.example/{handle.replace('_', '').replace('.', '')}"}
            for label, host in shops
        ]
        counts["smes_marketplaces"] += 1
    if rng.random() < 0.3:
        registered = _date_between(rng, dt.date(2012, 1, 1), today - dt.timedelta(days=30))
        cert = {"type": "merek", "number": Quoted(f"IDM000{_digits(rng, 6)}"),
                "issuer": "DJKI Kementerian Hukum"}
        if rng.random() < 0.8:
            cert["valid_until"] = registered.replace(year=registered.year + 10) \
                if not (registered.month == 2 and registered.day == 29) else \
                dt.date(registered.year + 10, 2, 28)
        sme["certifications"] = [cert]
        counts["smes_merek"] += 1
    if rng.random() < 0.3:
        progs = rng.sample(TRAINING + TRAINING_BY_CATEGORY[cat], rng.randint(1, 3))
        years = sorted(rng.randint(max(year, 2012), min(today.year, 2026)) for _ in progs)
        sme["training"] = [{"program": p, "year": y} for p, y in zip(progs, years)]
        counts["smes_training"] += 1
    if rng.random() < 0.01:
        # a former slug; ends in this SME's number, so it is no other SME's slug
        sme["aliases"] = [f"{slugify(name, 60)}-lama-{i + 1}"]
        counts["sme_aliases"] += 1
    where = name if name.endswith(short_region) else f"{name}, {region_name}"
    meta = {"category": cat, "region_name": region_name, "name": name, "where": where,
            "export": rng.random() < 0.36, "year": year}
    return slug, sme, meta


def _product(rng: random.Random, j: int, sme_meta: dict, today: dt.date,
             counts: dict) -> tuple[str, dict]:
    cat = sme_meta["category"] if rng.random() < 0.8 else rng.choice(CATEGORY_SLUGS)
    words = CATALOG_WORDS[cat]
    item_id, item_en, unit_key, (wmin, wmax), hs = rng.choice(words["items"])
    var_id, var_en = rng.choice(words["variants"])
    name_id = f"{item_id} {var_id}"
    name_en = f"{item_en}, {var_en}"
    slug = f"{slugify(name_id)}-{j + 1}"
    export = rng.random() < (0.65 if sme_meta["export"] else 0.03)
    has_en = export or rng.random() < 0.85
    food = cat in HALAL_CATEGORIES

    lo, hi = words["price"]
    price_idr = _round_price(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    weight = rng.randint(wmin, wmax)
    if weight > 100:
        weight = int(round(weight, -1))

    # Description (Markdown): a paragraph, a short list, a closing line.
    c_id, c_en = rng.choice(words["craft"])
    d_id, d_en = rng.choice(DESC_CLOSE)
    bullets_id = [f"Berat: {weight:,} g".replace(",", ".")]
    bullets_en = [f"Weight: {weight:,} g"]
    product: dict[str, Any] = {}
    materials = None
    dims = None
    if not food:
        if "materials" in words and rng.random() < 0.5:
            materials = rng.choice(words["materials"])
            bullets_id.append(f"Bahan: {materials[0].lower()}")
            bullets_en.append(f"Materials: {materials[1].lower()}")
        if rng.random() < 0.5:
            dims = [rng.randint(10, 250), rng.randint(10, 120)]
            if rng.random() < 0.5:
                dims.append(rng.randint(2, 120))
            bullets_id.append("Ukuran: " + " × ".join(map(str, dims)) + " cm")
            bullets_en.append("Size: " + " × ".join(map(str, dims)) + " cm")
    shelf = rng.choice((30, 60, 90, 180, 365, 540, 730)) if food and rng.random() < 0.85 else None
    if shelf:
        bullets_id.append(f"Tahan {shelf} hari dalam kemasan tertutup")
        bullets_en.append(f"Keeps {shelf} days unopened")
    where_id = sme_meta["where"]
    desc_id = (f"**{name_id}** buatan {where_id}. {c_id}\n\n"
               + "".join(f"- {b}\n" for b in bullets_id)
               + (f"\n{d_id}\n" if d_id else ""))
    desc_en = (f"**{name_en}** made by {where_id}. {c_en}\n\n"
               + "".join(f"- {b}\n" for b in bullets_en)
               + (f"\n{d_en}\n" if d_en else ""))

    product["name"] = {"id": name_id, "en": name_en} if has_en else {"id": name_id}
    product["category"] = cat
    product["description"] = {"id": desc_id, "en": desc_en} if has_en else {"id": desc_id}
    if rng.random() < 0.05:
        product["price"] = {"on_request": True}
        counts["price_on_request"] += 1
    else:
        product["price"] = {"idr": price_idr}
    u_id, u_en = UNITS[unit_key]
    product["unit"] = FlowMap(id=u_id, en=u_en)
    tags = rng.sample(words["tags"], rng.randint(2, 4))
    if rng.random() < 0.4:
        tags.append(sme_meta["region_name"].lower())
    product["tags"] = FlowList(dict.fromkeys(tags))
    product["weight_g"] = weight
    if shelf:
        product["shelf_life_days"] = shelf
    if dims:
        product["dimensions_cm"] = FlowList(dims)
    if materials:
        product["materials"] = {"id": materials[0], "en": materials[1]}

    certs: list[dict] = []
    if food and rng.random() < 0.4:
        if rng.random() < 0.85:
            cert = {"type": "halal", "number": Quoted(f"ID3311{_digits(rng, 13)}"), "issuer": "BPJPH"}
        else:
            cert = {"type": "halal", "number": Quoted(f"1215{_digits(rng, 10)}"),
                    "issuer": "LPPOM MUI Jawa Tengah"}
        cert["valid_until"] = until = _validity(rng, today)
        certs.append(cert)
        counts["halal"] += 1
        if until < today:
            counts["halal_expired"] += 1
        elif until < today + dt.timedelta(days=60):
            counts["halal_expiring"] += 1
    if food and rng.random() < 0.25:
        certs.append({"type": "pirt", "number": Quoted(f"{_digits(rng, 13)}-{rng.randint(24, 31)}"),
                      "issuer": f"Dinas Kesehatan {sme_meta['region_name']}"})
        counts["pirt"] += 1
    if cat == "jamu-herbal" and rng.random() < 0.15:
        certs.append({"type": "bpom", "number": Quoted(f"POM TR {_digits(rng, 9)}"), "issuer": "BPOM RI",
                      "valid_until": _validity(rng, today)})
    if cat == "furnitur-ukir" and export and rng.random() < 0.5:
        certs.append({"type": "svlk", "number": Quoted(f"VLK-{_digits(rng, 4)}-{_digits(rng, 4)}"),
                      "valid_until": _validity(rng, today)})
    if certs:
        product["certifications"] = certs

    if export:
        rate = 16_000 * rng.uniform(1.1, 1.6)
        usd = max(0.5, round(price_idr / rate, 2))
        if cat in HALAL_CATEGORIES:
            moq = rng.choice((50, 100, 200, 500, 1000, 2000))
        elif cat == "furnitur-ukir":
            moq = rng.choice((1, 2, 4, 10, 20))
        else:
            moq = rng.choice((10, 20, 50, 100, 200, 500))
        product["export"] = {
            "price_usd": usd,
            "moq": moq,
            "capacity_per_month": moq * rng.randint(2, 40),
            "hs_code": Quoted(hs),
            "incoterm": (inc := rng.choice(INCOTERMS)) + (
                f" {sme_meta['region_name'].removeprefix('Kota ')}" if inc == "EXW" else
                " Port of destination" if inc == "CIF" else ""),
            "lead_time_days": rng.choice((14, 21, 30, 45, 60, 90)),
        }
        counts["export"] += 1
    r = rng.random()
    if r < 0.02:
        product["status"] = "draft"
        counts["draft"] += 1
    elif r < 0.04:
        product["status"] = "discontinued"
        counts["discontinued"] += 1
    added = _date_between(rng, dt.date(max(2019, sme_meta["year"]), 1, 1), today - dt.timedelta(days=1))
    product["added"] = added
    if rng.random() < 0.3 and added < today - dt.timedelta(days=2):
        product["updated"] = _date_between(rng, added + dt.timedelta(days=1), today - dt.timedelta(days=1))
    product["_alias_roll"] = rng.random()  # consumed later, removed before writing
    counts["products_en"] += has_en
    return slug, product


def build(n_products: int, seed: int = 1, photos: int = 0,
          today: dt.date = DEFAULT_TODAY) -> tuple[dict[str, Any], dict[str, int]]:
    """The catalog as ``{relative path: data}`` and counts.

    Photos appear as ``("photo", category, key)`` tuples; everything else is YAML data.
    """
    if n_products < 0:
        raise ValueError("n_products must be >= 0")
    rng = random.Random(seed)
    n_smes = max(1, math.ceil(n_products / PRODUCTS_PER_SME))
    counts = dict.fromkeys(
        ["smes", "products", "export", "halal", "halal_expired", "halal_expiring", "pirt",
         "price_on_request", "draft", "discontinued", "product_aliases", "sme_aliases",
         "products_en", "smes_story_en", "smes_marketplaces", "smes_merek", "smes_training",
         "photos"], 0)
    per_sme = _allocate(rng, n_products, n_smes)

    files: dict[str, Any] = {
        "_categories.yaml": [
            {"slug": s, "name": FlowMap(id=i, en=e), **({"halal_expected": True} if h else {})}
            for s, i, e, h in CATEGORIES
        ],
        "_regions.yaml": [{"slug": s, "name": n, "type": t} for s, n, t in REGIONS],
    }
    smes: list[tuple[str, dict, dict[str, dict]]] = []
    for i in range(n_smes):
        slug, sme, meta = _sme(rng, i, today, counts)
        products = {}
        for j in range(per_sme[i]):
            pslug, product = _product(rng, j, meta, today, counts)
            assert pslug not in products and valid_slug(pslug), pslug
            products[pslug] = product
        assert valid_slug(slug), slug
        smes.append((slug, sme, products))
    smes.sort(key=lambda t: t[0])
    sme_slugs = [s[0] for s in smes]
    assert len(set(sme_slugs)) == len(sme_slugs)

    used_aliases: set[str] = set()
    remaining_photos = max(0, photos)
    for slug, sme, products in smes:
        files[f"{slug}/sme.yaml"] = sme
        for pslug in sorted(products):
            product = products[pslug]
            roll = product.pop("_alias_roll")
            if roll < 0.01:
                old = f"{pslug[:70]}-lama"  # live slugs end in a number: no clash
                if roll < 0.003 and len(sme_slugs) > 1:
                    other = sme_slugs[int(roll * 1e6) % len(sme_slugs)]
                    if other != slug:
                        old = f"{other}/{old}"
                key = old if "/" in old else f"{slug}/{old}"
                if key not in used_aliases:
                    used_aliases.add(key)
                    product["aliases"] = [old]
                    # keep aliases before "added" for readability
                    product["added"] = product.pop("added")
                    if "updated" in product:
                        product["updated"] = product.pop("updated")
                    counts["product_aliases"] += 1
            if remaining_photos:
                image = f"images/{pslug}.jpg"
                # "images" goes after the description fields, as in hand-written files
                items = list(product.items())
                at = next(k for k, (key, _) in enumerate(items) if key == "tags")
                items.insert(at, ("images", [image]))
                product.clear()
                product.update(items)
                files[f"{slug}/{image}"] = ("photo", product["category"], f"{seed}/{slug}/{pslug}")
                remaining_photos -= 1
                counts["photos"] += 1
            files[f"{slug}/{pslug}.yaml"] = product
    counts["smes"] = n_smes
    counts["products"] = n_products
    return files, counts


def _draw_photo(path: Path, category: str, key: str) -> None:
    from PIL import Image, ImageDraw

    r = random.Random(f"photo:{key}")
    palette = PALETTES[category]
    w, h = PHOTO_SIZE
    img = Image.new("RGB", PHOTO_SIZE, palette[-1])
    draw = ImageDraw.Draw(img)
    band = r.randint(60, 200)
    for k, y in enumerate(range(r.randint(0, band), h, band * 2)):
        draw.rectangle((0, y, w, y + band // 2), fill=palette[k % (len(palette) - 1)])
    for _ in range(r.randint(3, 6)):
        cx, cy, rad = r.randint(0, w), r.randint(0, h), r.randint(80, 420)
        shape = draw.ellipse if r.random() < 0.6 else draw.rectangle
        shape((cx - rad, cy - rad, cx + rad, cy + rad), fill=r.choice(palette),
              outline=palette[0], width=r.randint(4, 24))
    draw.polygon([(w // 2, h // 6), (w * 5 // 6, h // 2), (w // 2, h * 5 // 6), (w // 6, h // 2)],
                 outline=r.choice(palette), width=18)
    img.save(path, "JPEG", quality=85)


def _is_replaceable(out: Path) -> bool:
    if not out.exists():
        return True
    if not out.is_dir():
        return False
    if not any(out.iterdir()):
        return True
    cats = out / "_categories.yaml"
    try:
        with cats.open("r", encoding="utf-8") as fh:
            return fh.readline() == MARKER.rstrip("\n") + "\n"
    except OSError:
        return False


def generate(out_dir: Path, n_products: int, seed: int = 1, photos: int = 0,
             today: dt.date = DEFAULT_TODAY) -> dict[str, int]:
    """Write the catalog to ``out_dir`` (replacing an earlier synthetic one); return counts."""
    out_dir = Path(out_dir)
    if not _is_replaceable(out_dir):
        raise FileExistsError(f"{out_dir} exists and is not a synthetic catalog; "
                              "choose another --out or remove it")
    files, counts = build(n_products, seed, photos, today)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        made: set[str] = set()
        for rel, data in files.items():
            folder = rel.rpartition("/")[0]
            if folder and folder not in made:
                (tmp / folder).mkdir(parents=True, exist_ok=True)
                made.add(folder)
            path = tmp / rel
            if isinstance(data, tuple):
                _draw_photo(path, data[1], data[2])
                continue
            header = ""
            if rel == "_categories.yaml":
                header = MARKER
            elif rel == "_regions.yaml":
                header = "# The 35 regencies (kabupaten) and cities (kota) of Central Java.\n"
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(dump_yaml(data, header))
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    counts["files"] = len(files)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, metavar="N", help="number of products (default 10000)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output folder (default: bench/catalog in the repository)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--photos", type=int, default=0, metavar="K",
                    help="give the first K products one drawn photo each (default 0)")
    ap.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY, metavar="YYYY-MM-DD",
                    help=f"reference date for certificate and 'added' dates (default {DEFAULT_TODAY})")
    args = ap.parse_args(argv)
    if args.n < 0 or args.photos < 0:
        ap.error("--n and --photos must be >= 0")
    t0 = time.perf_counter()
    try:
        c = generate(args.out, args.n, args.seed, args.photos, args.today)
    except FileExistsError as e:
        print(f"synthetic_catalog: error: {e}", file=sys.stderr)
        return 2
    secs = time.perf_counter() - t0
    print(f"synthetic catalog: {c['products']} products, {c['smes']} SMEs, {c['export']} export-ready, "
          f"{c['halal']} halal-certified ({c['halal_expired']} expired, {c['halal_expiring']} expiring), "
          f"{c['draft']} draft, {c['discontinued']} discontinued, {c['photos']} photos "
          f"-> {args.out} in {secs:.2f}s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
