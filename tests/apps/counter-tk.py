#!/usr/bin/python3
"""A small Tk app for the desktop platform's tests. Tk exposes no accessibility tree, so tests drive
it by coordinates, keys and visible text, and read it back from screenshots. COUNTER_START sets the
first count, so tests can tell that the app got its environment."""
import os
import tkinter as tk


def main() -> None:
    root = tk.Tk()
    root.title("Counter")
    root.geometry("320x200+0+0")
    count = tk.IntVar(value=int(os.environ.get("COUNTER_START", "0")))
    label = tk.Label(root, text=f"Count: {count.get()}", font=("DejaVu Sans", 24))
    label.pack(pady=16)

    def add(*_args: object) -> None:
        count.set(count.get() + 1)
        label.configure(text=f"Count: {count.get()}")

    tk.Button(root, text="Add one", font=("DejaVu Sans", 18), command=add).pack()
    root.bind("<Control-a>", add)
    root.mainloop()


if __name__ == "__main__":
    main()
