""".xls and WPS .et through xlrd, .doc and .wps through LibreOffice, a text PDF through
pdfplumber: the same tasks as the .docx/.xlsx they were saved from; a scanned PDF, a
missing LibreOffice or pdfplumber, and damaged files each get one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, Runner
from tests.hostile_files import PLAN_ROWS, xlsx, zip_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
try:
    import pdfplumber  # noqa: F401

    HAS_PDFPLUMBER = True
except ImportError:
    HAS_PDFPLUMBER = False
needs_pdfplumber = pytest.mark.skipif(
    not HAS_PDFPLUMBER, reason='pdfplumber is not installed (pip install "fenggong[pdf]")'
)
#: A PDF page without a single character: what a scanner makes, minus the image.
SCANNED_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def convert(source: Path, to: str, folder: Path) -> Path:
    """`source` saved as `to` by LibreOffice into `folder`."""
    assert SOFFICE is not None
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            *("--outdir", str(folder), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{source.stem}.{to}"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan as .xlsx and .docx, and (with LibreOffice) as .xls, .et, .doc, .wps, .pdf."""
    import docx as python_docx

    folder = tmp_path_factory.mktemp("saved")
    (folder / "plan.xlsx").write_bytes(zip_bytes(xlsx()))
    document = python_docx.Document()
    document.add_paragraph("测试县重点任务分工方案")
    table = document.add_table(rows=0, cols=len(PLAN_ROWS[0]))
    table.style = "Table Grid"  # ruled: how a PDF shows where the cells are
    for row in PLAN_ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(folder / "plan.docx"))
    if SOFFICE is not None:
        convert(folder / "plan.xlsx", "xls", folder)
        shutil.copyfile(folder / "plan.xls", folder / "plan.et")
        # LibreOffice keeps the table going through its own format first.
        odt = convert(folder / "plan.docx", "odt", folder / "odt")
        convert(odt, "doc", folder)
        shutil.copyfile(folder / "plan.doc", folder / "plan.wps")
        convert(folder / "plan.docx", "pdf", folder)
    return folder


def tasks_of(run: Runner, source: Path, output: Path) -> str:
    result = run("import", str(source), "-o", str(output), data=None)
    assert result.code == 0, result.err
    text = output.read_text(encoding="utf-8")
    return text[text.index("[[tasks]]") :]


@needs_soffice
@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_an_old_workbook_gives_the_tasks_of_the_xlsx(
    run: Runner, saved: Path, tmp_path: Path, suffix: str
) -> None:
    expected = tasks_of(run, saved / "plan.xlsx", tmp_path / "a.toml")
    assert "县发展改革局" in expected
    assert tasks_of(run, saved / f"plan{suffix}", tmp_path / "b.toml") == expected


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_old_word_file_is_converted_by_libreoffice(
    run: Runner, saved: Path, tmp_path: Path, suffix: str
) -> None:
    expected = tasks_of(run, saved / "plan.docx", tmp_path / "a.toml")
    assert tasks_of(run, saved / f"plan{suffix}", tmp_path / "b.toml") == expected


@needs_soffice
@needs_pdfplumber
def test_a_text_pdf_gives_the_tasks_of_the_word_file(
    run: Runner, saved: Path, tmp_path: Path
) -> None:
    expected = tasks_of(run, saved / "plan.docx", tmp_path / "a.toml")
    assert tasks_of(run, saved / "plan.pdf", tmp_path / "b.toml") == expected


@needs_pdfplumber
def test_a_scanned_pdf_is_refused_with_the_hint_to_ocr(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "scan.pdf").write_bytes(SCANNED_PDF)
    result = run("import", "scan.pdf")
    assert (result.code, result.out) == (3, "")
    assert result.err == (
        "fenggong: scan.pdf：这个 PDF 没有文字层（是扫描件），请先用 OCR 识别成文字或 Word 后再导入\n"
    )


def test_without_pdfplumber_a_pdf_gets_the_install_hint(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    (tmp_cwd / "plan.pdf").write_bytes(SCANNED_PDF)
    result = run("import", "plan.pdf")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        'fenggong: plan.pdf：读取 PDF 需要 pdfplumber：pip install "fenggong[pdf]"；'
        "或者用原始的 Word/Excel 文件\n"
    )


@pytest.mark.parametrize(
    ("suffix", "advice"),
    [
        (".doc", "请在 WPS 或 Word 中「另存为」.docx 后再导入"),
        (".wps", "请在 WPS 中「另存为」.docx 后再导入"),
    ],
)
def test_without_libreoffice_a_doc_gets_the_save_as_hint(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, advice: str
) -> None:
    monkeypatch.setenv("PATH", str(tmp_cwd))
    (tmp_cwd / f"plan{suffix}").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = run("import", f"plan{suffix}")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"fenggong: plan{suffix}：不能直接读取 {suffix} 文件，{advice}（或安装 LibreOffice）\n"
    )


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("plan.xls", "fenggong: plan.xls：不是能读的 Excel 97-2003 文件（"),
        ("plan.et", "fenggong: plan.et：不是能读的 Excel 97-2003 文件（"),
        ("plan.doc", "fenggong: plan.doc：不是 Word/WPS 文档（文件开头不对），请在 WPS 或 Word"),
        ("plan.pdf", "fenggong: plan.pdf：不是能读的 PDF 文件（"),
    ],
)
def test_a_damaged_old_file_is_bad_data_in_one_line(
    run: Runner, tmp_cwd: Path, name: str, start: str
) -> None:
    if name.endswith(".pdf") and not HAS_PDFPLUMBER:
        pytest.skip('pdfplumber is not installed (pip install "fenggong[pdf]")')
    (tmp_cwd / name).write_bytes(b"\x00garbage, not what the name says" * 4)
    result = run("import", name)
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith(start)
    assert result.err.count("\n") == 1


@needs_soffice
def test_collect_reads_a_ledger_saved_back_as_xls(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.setenv("FENGGONG_LOG", str(tmp_cwd / "进展.sqlite"))
    made = run("ledger", "--lead", "工信", "--period", "2024-05", "-o", "工信.xlsx", data=MINI)
    assert made.code == 0, made.err
    book = openpyxl.load_workbook(tmp_cwd / "工信.xlsx")
    sheet = book["台账"]
    header = [c.value for c in sheet[2]]
    sheet.cell(3, header.index("本期进展情况") + 1, "完成选址")
    sheet.cell(3, header.index("状态") + 1, "序时推进")
    book.save(tmp_cwd / "工信.xlsx")
    old = convert(tmp_cwd / "工信.xlsx", "xls", tmp_cwd / "old")
    result = run("collect", str(old), data=MINI)
    assert result.code == 0, result.err
    assert "工信.xls：县工信商务局 2024-05 记入 1 条" in result.err


def test_an_xlsx_named_xls_is_read_as_xlsx(run: Runner, saved: Path, tmp_path: Path) -> None:
    expected = tasks_of(run, saved / "plan.xlsx", tmp_path / "a.toml")
    (tmp_path / "renamed.xls").write_bytes((saved / "plan.xlsx").read_bytes())
    assert tasks_of(run, tmp_path / "renamed.xls", tmp_path / "b.toml") == expected


def test_a_web_page_named_xls_gets_the_save_as_hint(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.xls").write_text("<html><table><tr><td>序号</td></tr></table></html>")
    result = run("import", "plan.xls")
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith("fenggong: plan.xls：不是能读的 Excel 97-2003 文件（")
    assert result.err.endswith(
        "；这是网页（HTML）格式的表格，请在 Excel 或 WPS 中打开后另存为 .xlsx\n"
    )


def test_collect_reads_a_ledger_saved_as_xlsx_under_an_xls_name(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.setenv("FENGGONG_LOG", str(tmp_cwd / "进展.sqlite"))
    made = run("ledger", "--lead", "工信", "--period", "2024-05", "-o", "工信.xlsx", data=MINI)
    assert made.code == 0, made.err
    book = openpyxl.load_workbook(tmp_cwd / "工信.xlsx")
    sheet = book["台账"]
    header = [c.value for c in sheet[2]]
    sheet.cell(3, header.index("本期进展情况") + 1, "完成选址")
    sheet.cell(3, header.index("状态") + 1, "序时推进")
    book.save(tmp_cwd / "工信.xls")
    result = run("collect", "工信.xls", data=MINI)
    assert result.code == 0, result.err
    assert "工信.xls：县工信商务局 2024-05 记入 1 条" in result.err


def test_an_xls_over_its_cap_is_refused_before_xlrd_reads_it(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "big.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(17 << 20))
    result = run("import", "big.xls")
    assert (result.code, result.out) == (3, "")
    assert result.err == "fenggong: big.xls：文件太大（17.0 MB，.xls 上限 16 MB），没有读入\n"


@needs_pdfplumber
def test_a_pdf_of_too_many_pages_is_refused(run: Runner, tmp_cwd: Path) -> None:
    pages = 301
    kids = " ".join(f"{n + 3} 0 R" for n in range(pages))
    objects = [
        b"1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n",
        f"2 0 obj <</Type/Pages/Kids[{kids}]/Count {pages}>> endobj\n".encode(),
        *(
            f"{n + 3} 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n".encode()
            for n in range(pages)
        ),
    ]
    (tmp_cwd / "long.pdf").write_bytes(
        b"%PDF-1.4\n" + b"".join(objects) + b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )
    result = run("import", "long.pdf")
    assert (result.code, result.out) == (3, "")
    assert result.err == "fenggong: long.pdf：有 301 页（上限 300），没有读入\n"
