"""The Thai core's contract with the rest of prakat: a pure, self-contained public API."""

import ast
import inspect
import pathlib
import sys

import prakat.thai
from prakat.thai import ThaiTypeError, ThaiValueError, errors

PACKAGE_DIR = pathlib.Path(prakat.thai.__file__).parent
# Modules whose use would mean I/O or nondeterminism in what must stay pure.
FORBIDDEN_STDLIB = {
    "os", "io", "pathlib", "socket", "subprocess", "shutil", "sqlite3", "urllib", "http", "random", "time",
}  # fmt: skip


def _imported_modules(path: pathlib.Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


# Third-party code a module may use, by decision: word segmentation needs a Thai dictionary, and
# pythainlp is the field's (design.md). It is imported lazily, so importing prakat.thai stays light;
# marisa_trie, which holds its words compactly, is a small C extension with nothing to load.
ALLOWED_THIRD_PARTY = {"segment.py": {"pythainlp", "marisa_trie"}}


def test_imports_only_stdlib_and_itself() -> None:
    modules = sorted(PACKAGE_DIR.glob("*.py"))
    assert {m.name for m in modules} >= {
        "__init__.py", "baht.py", "dates.py", "digits.py", "egp.py", "errors.py", "fiscal.py", "taxid.py",
    }  # fmt: skip
    for module in modules:
        for name in _imported_modules(module):
            top = name.split(".")[0]
            if name.startswith("prakat"):
                assert name == "prakat.thai" or name.startswith("prakat.thai."), (module.name, name)
            elif top in ALLOWED_THIRD_PARTY.get(module.name, set()):
                continue
            else:
                assert top in sys.stdlib_module_names, (module.name, name)
                assert top not in FORBIDDEN_STDLIB, (module.name, name)


def test_public_api_is_exported_and_typed() -> None:
    for name in prakat.thai.__all__:
        obj = getattr(prakat.thai, name)
        if inspect.isfunction(obj):
            signature = inspect.signature(obj)
            assert signature.return_annotation is not inspect.Signature.empty, name
            for parameter in signature.parameters.values():
                assert parameter.annotation is not inspect.Parameter.empty, (name, parameter.name)
    expected = {
        "to_thai_digits", "to_arabic_digits", "be_year", "ce_year", "format_date_full", "format_date_short",
        "format_month_year", "format_time", "format_datetime_full", "parse_thai_date", "fiscal_year_of",
        "fiscal_year_bounds", "fiscal_year_months", "fiscal_quarter_of", "fiscal_month_index", "baht_text",
        "format_baht", "parse_baht", "normalize_tax_id", "tax_id_check_digit", "is_valid_tax_id",
        "validate_tax_id", "format_tax_id", "validate_egp_project_number",
    }  # fmt: skip
    assert expected <= set(prakat.thai.__all__)


def test_error_hierarchy() -> None:
    assert issubclass(ThaiValueError, ValueError)
    assert issubclass(ThaiTypeError, TypeError)
    for name, obj in vars(errors).items():
        if inspect.isclass(obj) and obj.__module__ == errors.__name__ and obj is not ThaiTypeError:
            assert issubclass(obj, ThaiValueError), name
