"""Dataset text (TOML, or JSON as `export` writes it) → raw tables, and where in the text
an entry stands, for messages that name a line."""

from __future__ import annotations

import datetime as dt
import re


def parse_document(text: str, source: str) -> tuple[dict[str, object] | None, str]:
    """The raw document, or None and a one-line problem."""
    if source.lower().endswith(".json"):
        import json

        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            return None, f"{source}:{exc.lineno}:{exc.colno}：JSON 语法错误：{exc.msg}"
        except (ValueError, RecursionError) as exc:
            return None, _unreadable(source, exc)
        if not isinstance(raw, dict):
            return None, f"{source}：JSON 的顶层应是一个对象"
        for task in raw.get("tasks") or []:  # dates are ISO strings in JSON
            if isinstance(task, dict) and isinstance(task.get("deadline"), str):
                try:
                    task["deadline"] = dt.date.fromisoformat(task["deadline"])
                except ValueError:
                    return (
                        None,
                        f"{source}：第 {task.get('id')} 项的 deadline「{task['deadline']}」不是 YYYY-MM-DD 日期",
                    )
        plan = raw.get("plan")
        if isinstance(plan, dict) and isinstance(plan.get("issued"), str):
            try:
                plan["issued"] = dt.date.fromisoformat(plan["issued"])
            except ValueError:
                return None, f"{source}：[plan] 的 issued「{plan['issued']}」不是 YYYY-MM-DD 日期"
        return raw, ""
    import tomllib

    try:
        return tomllib.loads(text), ""
    except tomllib.TOMLDecodeError as exc:
        place = _toml_error_place(str(exc), text)
        return None, f"{source}{place}：TOML 语法错误：{_toml_error_text(exc)}"
    except (ValueError, RecursionError) as exc:
        return None, _unreadable(source, exc)


def _unreadable(source: str, exc: Exception) -> str:
    """Valid syntax that no dataset has: nesting too deep, a number of thousands of digits."""
    if isinstance(exc, RecursionError):
        return f"{source}：嵌套层数太多，不是分工方案数据"
    return f"{source}：有超长的数字（数千位），不是分工方案数据"


def _toml_error_place(message: str, text: str) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        return f":{match[1]}:{match[2]}"
    return f":{len(text.splitlines()) or 1}" if "end of document" in message else ""


def _toml_error_text(exc: ValueError) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))


class Locator:
    """Finds the line of an array-of-tables entry or of a key inside it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        pattern = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]")
        inline = re.compile(r"^([A-Za-z_]+)\s*=\s*\[")
        array: str | None = None
        for number, line in enumerate(self.lines, start=1):
            if (match := pattern.match(line)) is not None:
                self.headers.setdefault(match[1], []).append(number)
            elif re.match(r"^\s*\[\s*plan\s*\]", line):
                self.headers.setdefault("plan", []).append(number)
            elif (match := inline.match(line)) is not None:
                array = match[1]
            elif array is not None and line.lstrip().startswith("{"):
                # An array of inline tables, one table a line, as tomli-w writes short ones.
                self.headers.setdefault(array, []).append(number)
            elif line.startswith("]"):
                array = None

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        found = self.headers.get(table, [])
        position = 0 if index is None else index
        if position >= len(found):
            return None
        start = found[position]
        if key is None or "{" in self.lines[start - 1]:
            return start
        key_pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                break
            if key_pattern.match(line):
                return number
        return start
