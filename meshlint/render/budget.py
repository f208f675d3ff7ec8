"""How much one render may do: steps (loop iterations and calls), seconds, and characters (written
output, and any one string or list a template builds). A template comes from a pull request, so a
runaway loop, a recursive macro or a giant string must end as an ML002 finding, not as a hang or an
out-of-memory kill. Sizes are checked *before* the work where the size can be known in advance
(`'x' * n`, `'x'.ljust(n)`, `'%0*d'`...), and steps and time as the render goes; where the main thread
runs it, an interval timer also interrupts a single slow step (a regular expression that backtracks)."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass


class RenderBudgetExceeded(Exception):
    """A render went past its budget; the render fails with this message (ML002)."""


@dataclass(frozen=True)
class RenderLimits:
    max_steps: int = 1_000_000
    max_seconds: float = 10.0
    max_chars: int = 10_000_000


_NUMBERS = re.compile(r"\d+")
_FORMAT_FIELDS = re.compile(r"\{[^{}]*\}")
_PERCENT_SPECS = re.compile(r"%[^a-zA-Z%]*")


class RenderBudget:
    """The budget of the render in progress; `start()` resets it for the next one.

    >>> budget = RenderBudget(RenderLimits(max_steps=2))
    >>> budget.start(); budget.step(); budget.step(); budget.step()
    Traceback (most recent call last):
    ...
    meshlint.render.budget.RenderBudgetExceeded: render budget exceeded: more than 2 loop iterations and calls (limit `render-max-steps`)
    """

    def __init__(self, limits: RenderLimits = RenderLimits(), clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.steps = 0
        self.written = 0
        self.deadline = float("inf")
        self.expired = False

    def start(self) -> None:
        self.steps = 0
        self.written = 0
        self.expired = False
        self.deadline = self.clock() + self.limits.max_seconds

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise RenderBudgetExceeded(
                f"render budget exceeded: more than {self.limits.max_steps} loop iterations and calls (limit `render-max-steps`)"
            )
        # the clock is read every 1,024 steps (a step costs less than reading it); the timer, where
        # there is one, ends a single slow step
        if self.expired or (not self.steps & 1023 and self.clock() > self.deadline):
            self.expired = True
            raise self.timeout()

    def timeout(self) -> RenderBudgetExceeded:
        return RenderBudgetExceeded(
            f"render budget exceeded: rendering took more than {self.limits.max_seconds:g} s (limit `render-max-seconds`)"
        )

    def write(self, text: str) -> str:
        """Count characters a template writes (into its output or a macro's); past the limit, fail."""
        self.written += len(text)
        if self.written > self.limits.max_chars:
            raise RenderBudgetExceeded(
                f"render budget exceeded: the template writes more than {self.limits.max_chars} characters (limit `render-max-chars`)"
            )
        return text

    def size(self, size: int) -> None:
        """Refuse to build a string or list of `size` characters or items past the limit."""
        if size > self.limits.max_chars:
            raise RenderBudgetExceeded(
                f"render budget exceeded: a value of more than {self.limits.max_chars} characters or items (limit `render-max-chars`)"
            )

    def iterate(self, iterable: Iterable[object]) -> Iterator[object]:
        """A `{% for %}` loop's items, each one a step."""
        for item in iterable:
            self.step()
            yield item

    def format_string(self, text: str, percent: bool) -> None:
        """A `str.format` or `%` format whose field widths or precisions are past the limit."""
        specs = _PERCENT_SPECS.findall(text) if percent else _FORMAT_FIELDS.findall(text)
        for spec in specs:
            for number in _NUMBERS.findall(spec):
                self.size(int(number) if len(number) < 20 else self.limits.max_chars + 1)

    def binop(self, operator: str, left: object, right: object) -> None:
        """`*`, `**`, `%` and `+` on values whose result would be past the limit."""
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                if isinstance(sized, (str, list, tuple)) and isinstance(times, int):
                    self.size(len(sized) * max(times, 0))
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and right > 64:
                digits = right * len(str(int(abs(left))))
                self.size(int(min(digits, self.limits.max_chars + 1)))
        elif operator == "%" and isinstance(left, str):
            self.format_string(left, percent=True)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            self.size(len(left) + len(right))


class Timer:
    """An interval timer that ends a render past its seconds even inside one slow step. Only in the
    main thread of a platform with SIGALRM (elsewhere the step checks alone keep the time), and never
    nested: an inner render runs under the outer one's timer."""

    def __init__(self, budget: RenderBudget) -> None:
        self.budget = budget
        self.armed = False
        self.previous: object = None

    def __enter__(self) -> "Timer":
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if usable and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
            try:
                self.previous = signal.signal(signal.SIGALRM, self._expired)
            except ValueError:  # not the main interpreter
                return self
            signal.setitimer(signal.ITIMER_REAL, self.budget.limits.max_seconds)
            self.armed = True
        return self

    def _expired(self, signum: int, frame: object) -> None:
        self.budget.expired = True  # a step that a swallowed exception let go on fails as well
        raise self.budget.timeout()

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]
            self.armed = False
