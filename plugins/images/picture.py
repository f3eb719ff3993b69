"""The HTML of a processed photo: <picture> with WebP and JPEG srcsets."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Picture:
    key: str                      # content hash of the source photo
    variants: tuple[tuple[int, int], ...]  # (width, height), smallest first
    full: str                     # file name of the full-size copy in the cache
    folder: str = "media"

    def file(self, width: int, ext: str) -> str:
        return f"{self.folder}/{self.key}-{width}.{ext}"

    @property
    def files(self) -> list[tuple[str, str]]:
        """(site path, cache file name) of every variant."""
        names = [(self.file(w, ext), f"{w}.{ext}") for w, _ in self.variants for ext in ("webp", "jpg")]
        return names

    @property
    def full_path(self) -> str:
        return f"{self.folder}/{self.key}-full.{self.full.rsplit('.', 1)[1]}"

    @property
    def width(self) -> int:
        return self.variants[-1][0]

    @property
    def height(self) -> int:
        return self.variants[-1][1]

    def nearest(self, width: int) -> int:
        """The width of the widest variant not wider than ``width`` (else the smallest)."""
        fitting = [w for w, _ in self.variants if w <= width] or [self.variants[0][0]]
        return fitting[-1]

    def src(self, width: int = 640, ext: str = "jpg") -> str:
        """The variant nearest ``width`` (not wider than the source)."""
        return self.file(self.nearest(width), ext)

    def html(self, link, alt: str, eager: bool = False, sizes: str = "100vw") -> Markup:
        def srcset(ext: str) -> str:
            return ", ".join(f"{link(self.file(w, ext))} {w}w" for w, _ in self.variants)

        loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy"'
        return Markup(
            '<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
            '<img src="{src}" srcset="{jpeg}" sizes="{sizes}" width="{w}" height="{h}" alt="{alt}" {loading} decoding="async"></picture>'
        ).format(
            webp=srcset("webp"), jpeg=srcset("jpg"), sizes=sizes, src=link(self.src()),
            w=self.width, h=self.height, alt=escape(alt), loading=Markup(loading),
        )
