#!/usr/bin/python3
"""A small GTK 3 app for the desktop platform's tests: type a name, press Greet, read the greeting.

Its widgets carry accessible names, so the tests can drive and read it through AT-SPI as well as by
coordinates and visible text.
"""
import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gtk  # noqa: E402


def main() -> None:
    window = Gtk.Window(title="Greeter")
    window.set_default_size(360, 160)
    window.connect("destroy", Gtk.main_quit)

    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=12, margin=16)
    entry = Gtk.Entry()
    entry.get_accessible().set_name("Name")
    button = Gtk.Button(label="Greet")
    greeting = Gtk.Label(label="Nobody greeted yet")
    greeting.get_accessible().set_name("Greeting")

    def greet(*_args: object) -> None:
        greeting.set_text(f"Hello, {entry.get_text() or 'stranger'}!")

    button.connect("clicked", greet)
    entry.connect("activate", greet)
    for widget in (entry, button, greeting):
        box.pack_start(widget, False, False, 0)
    window.add(box)
    window.show_all()
    Gtk.main()


if __name__ == "__main__":
    main()
