"""``--help``'s words: a meaningful metavar for every option, and Vietnamese under vi.

The commands keep their English help where they are declared (docstrings and
``help=``). This module puts the rest on the click command tree typer built,
just before click parses (``--help`` is eager, so the language must be known
first; :meth:`ggov_plan.cli.shell.Edge.main` calls :func:`localize`):

- in both languages, the metavar of every option that takes a value, from
  :data:`METAVARS` (``--date DATE``, not typer's ``<str>``);
- under vi, every command's help and epilog, every option's and argument's
  help and metavar, and click's own words (``Usage:``, ``Options``,
  ``[default: …]``, ``Show this message and exit.``) from
  :mod:`ggov_plan.i18n.catalog_help`, which is imported only then.

The catalog is keyed as :func:`english_texts` lists the English: a command by
its path (``record``, ``activity add``; the program is ``ggov-plan``), an
option by the command's path and its long name (``record --date``), an
argument by the command's path and its English metavar (``record ID``); an
option shared by many commands (``--plan``, ``--json``…), when its help is
the shared one, by its name alone. A test checks that every English text has
its Vietnamese entry and that no entry is stale.

Only :func:`ggov_plan.cli.shell.Edge.main` imports this module, and only when
help is shown: a run that is not asked for help imports neither it nor the
catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from typer._click import Context, HelpFormatter

from ggov_plan.i18n import Lang

__all__ = [
    "METAVARS",
    "english_metavars",
    "english_texts",
    "localize",
    "metavar_keys_used",
    "options_without_metavar",
]

#: The program's own path, as catalog keys name it.
PROGRAM = "ggov-plan"

#: What to type after an option that takes a value, by its long name, or by
#: the command's path and its name where one command means something else.
#: Options that declare their own metavar (``--as-of DATE``) or offer choices
#: (``--format``) are not listed. The Vietnamese words are in
#: :data:`ggov_plan.i18n.catalog_help.METAVARS`.
METAVARS: dict[str, str] = {
    "--agency": "AGENCY",
    "--by": "NAME",
    "--channel": "CHANNEL",
    "--content": "TOPIC",
    "--cost": "AMOUNT",
    "--date": "DATE",
    "--due": "DATE",
    "--evidence": "TEXT",
    "--id": "ID",
    "--kind": "KIND",
    "--note": "TEXT",
    "--qty": "NUMBER",
    "--reason": "TEXT",
    "--search": "TEXT",
    "--source": "SOURCE",
    "--spent": "AMOUNT",
    "--target": "NUMBER",
    "--task": "TASK",
    "--title": "TEXT",
    "--unit": "TEXT",
}


def _shared_help() -> dict[str, str]:
    """The options many commands share, by name, with their one English help."""
    from ggov_plan.cli import shell

    shared: tuple[Any, ...] = (
        shell.PlanOption,
        shell.NoCacheOption,
        shell.JsonOption,
        shell.LangOption,
        shell.AsOfOption,
        shell.PeriodOption,
        shell.FromOption,
        shell.ToOption,
    )
    found: dict[str, str] = {}
    for annotation in shared:
        info = annotation.__metadata__[0]
        # In Annotated, typer.Option's first name is kept as its "default".
        names = (info.default, *info.param_decls)
        long = [n for n in names if isinstance(n, str) and n.startswith("--")]
        found[long[0]] = str(info.help)
    return found


# --------------------------------------------------------------------------- the tree


def _commands(root: Any) -> Iterator[tuple[str, Any]]:
    """Every command of the tree with its path: the program, ``record``, ``activity add``."""
    yield PROGRAM, root
    for name, sub in getattr(root, "commands", {}).items():
        yield name, sub
        for inner, command in getattr(sub, "commands", {}).items():
            yield f"{name} {inner}", command


def _is_literal(metavar: str) -> bool:
    """A metavar that lists the values themselves (``vi|en``, ``<md|html>``)."""
    return "|" in metavar or metavar.startswith("<")


def _bare(metavar: str) -> str:
    """An argument's metavar without the brackets and dots of the usage line."""
    return metavar.strip("[]{}").removesuffix("...")


def _argument_word(param: Any) -> str:
    """The English word an argument is shown by: its metavar, else its name."""
    return _bare(param.metavar) if param.metavar else str(param.name).upper()


def _option_name(param: Any) -> str:
    long = [o for o in param.opts if o.startswith("--")]
    return str((long or param.opts)[0])


def _param_key(path: str, param: Any, shared: Mapping[str, str]) -> str:
    if param.param_type_name == "argument":
        return f"{path} {_argument_word(param)}"
    name = _option_name(param)
    if shared.get(name) == param.help:
        return name
    return f"{path} {name}"


def _takes_metavar(param: Any) -> bool:
    """An option that takes a typed value, other than one of a list of choices."""
    return (
        param.param_type_name == "option"
        and not param.is_flag
        and not param.count
        and not hasattr(param.type, "choices")
    )


def _metavar_key(path: str, param: Any) -> str | None:
    name = _option_name(param)
    for key in (f"{path} {name}", name):
        if key in METAVARS:
            return key
    return None


def _english_metavars(root: Any) -> None:
    for path, command in _commands(root):
        for param in command.params:
            if _takes_metavar(param) and param.metavar is None:
                key = _metavar_key(path, param)
                if key is not None:
                    param.metavar = METAVARS[key]


def english_texts(root: Any) -> dict[str, str]:
    """Every English help of the tree, by the key its Vietnamese has in the catalog."""
    shared = _shared_help()
    texts: dict[str, str] = {}
    for path, command in _commands(root):
        if command.help:
            texts[path] = command.help
        if command.epilog:
            texts[f"{path} epilog"] = command.epilog
        for param in command.params:
            if param.help:
                texts[_param_key(path, param, shared)] = param.help
    return texts


def english_metavars(root: Any) -> set[str]:
    """Every word the help shows for a value to type, once :data:`METAVARS` is applied."""
    _english_metavars(root)
    words: set[str] = set()
    for _, command in _commands(root):
        for param in command.params:
            if param.param_type_name == "argument":
                words.add(_argument_word(param))
            elif param.metavar and not _is_literal(param.metavar):
                words.add(param.metavar)
    return words


def options_without_metavar(root: Any) -> list[str]:
    """Options that would show typer's ``<str>``: their long names, with the command's path."""
    _english_metavars(root)
    return [
        f"{path} {_option_name(param)}"
        for path, command in _commands(root)
        for param in command.params
        if _takes_metavar(param) and param.metavar is None
    ]


def metavar_keys_used(root: Any) -> set[str]:
    """The keys of :data:`METAVARS` some option of the tree takes its metavar from."""
    return {
        key
        for path, command in _commands(root)
        for param in command.params
        if _takes_metavar(param) and param.metavar is None
        for key in [_metavar_key(path, param)]
        if key is not None
    }


# --------------------------------------------------------------------------- vi


def localize(root: Any, lang: Lang) -> None:
    """Put ``--help``'s words in ``lang`` on the click command tree ``root``."""
    _english_metavars(root)
    if lang == "vi":
        _vietnamese(root)


def _vietnamese(root: Any) -> None:
    from ggov_plan.i18n.catalog_help import HELP, METAVARS, WORDS

    shared = _shared_help()
    for path, command in _commands(root):
        command.context_class = _VietnameseContext
        command.help = HELP.get(path, command.help)
        if command.epilog:
            command.epilog = HELP.get(f"{path} epilog", command.epilog)
        command.options_metavar = WORDS["[OPTIONS]"]
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = WORDS["COMMAND [ARGS]..."]
        for param in command.params:
            key = _param_key(path, param, shared)
            param.help = HELP.get(key, param.help)
            if param.param_type_name == "argument":
                english = param.metavar or str(param.name).upper()
                word = _bare(english)
                param.metavar = english.replace(word, METAVARS.get(word, word))
            elif param.metavar and not _is_literal(param.metavar):
                param.metavar = METAVARS.get(param.metavar, param.metavar)


class _VietnameseFormatter(HelpFormatter):
    """click's own words (usage, headings, defaults, the help option) in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from ggov_plan.i18n.catalog_help import WORDS

        super().write_usage(prog, args, WORDS["Usage: "] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        from ggov_plan.i18n.catalog_help import WORDS

        super().write_heading(WORDS.get(heading, heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, _worded(text)) for term, text in rows], col_max, col_spacing)


#: click's note after an option's help: ``[default: md]``, ``[required]``.
_NOTE = re.compile(r"\[(?P<notes>(?:default: .*?|required)(?:; (?:default: .*?|required))*)\]$")


def _worded(text: str) -> str:
    from ggov_plan.i18n.catalog_help import WORDS

    text = WORDS.get(text, text)

    def notes(match: re.Match[str]) -> str:
        parts = []
        for note in match.group("notes").split("; "):
            name, colon, value = note.partition(": ")
            parts.append(WORDS.get(name, name) + colon + value)
        return "[" + "; ".join(parts) + "]"

    return _NOTE.sub(notes, text)


class _VietnameseContext(Context):
    formatter_class = _VietnameseFormatter
