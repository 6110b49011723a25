#!/usr/bin/env python3
"""Reads a list's rows the way a screen reader does: through AT-SPI on the session bus.

Usage: atspi_list_rows.py <application name> <list name>
Prints one line per row of the first list of that name in that application, its accessible name, then
"selected" when the row is selected. Exits 2 when the application or the list is not (yet) on the bus.
"""
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def find(node, predicate, depth=0):
    if node is None or depth > 12:
        return None
    if predicate(node):
        return node
    for i in range(node.get_child_count()):
        found = find(node.get_child_at_index(i), predicate, depth + 1)
        if found is not None:
            return found
    return None


def main():
    application, list_name = sys.argv[1], sys.argv[2]
    desktop = Atspi.get_desktop(0)
    app = None
    for i in range(desktop.get_child_count()):
        candidate = desktop.get_child_at_index(i)
        if candidate is not None and candidate.get_name() == application:
            app = candidate
    if app is None:
        print("no application named %r" % application, file=sys.stderr)
        return 2
    found = find(app, lambda n: n.get_role() == Atspi.Role.LIST and n.get_name() == list_name)
    if found is None:
        print("no list named %r" % list_name, file=sys.stderr)
        return 2
    for i in range(found.get_child_count()):
        row = found.get_child_at_index(i)
        states = row.get_state_set()
        line = row.get_name()
        if row.get_role() != Atspi.Role.LIST_ITEM:
            line += "\tnot a list item"
        if states.contains(Atspi.StateType.SELECTED):
            line += "\tselected"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
