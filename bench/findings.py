"""What a fault campaign's checker found: a count per kind of damage, whether integrity
held, and one sentence per finding. Each campaign names its kinds as int fields."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Findings:
    integrity: bool = True
    problems: list[str] = field(default_factory=list)  # one sentence per finding

    @property
    def clean(self) -> bool:
        """Nothing of any kind was found and integrity held."""
        counts = (getattr(self, f.name) for f in fields(self) if f.type in (int, "int"))
        return not any(counts) and self.integrity

    def add(self, kind: str, text: str) -> None:
        if kind == "integrity":
            self.integrity = False
        else:
            setattr(self, kind, getattr(self, kind) + 1)
        self.problems.append(f"{kind.upper()}: {text}")
