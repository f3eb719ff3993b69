"""The copy buttons of a media kit put the right text on the clipboard."""

from .support import VARIANTS


def test_copy_buttons(new_page, url_of, _contexts):
    variant = VARIANTS[0]
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(url_of(variant, "blogger/batik-tulis-laweyan/"))
    for field in ("link-sme", "embed-sme"):
        expected = page.eval_on_selector(f"#{field}", "el => el.value")
        page.click(f"button[data-copy='{field}']")
        page.wait_for_function("(id) => document.querySelector(`button[data-copy='${id}']`).textContent !== 'Salin' && document.querySelector(`button[data-copy='${id}']`).textContent !== 'Copy'", arg=field)
        assert page.evaluate("navigator.clipboard.readText()") == expected
    assert "<script" not in expected
