"""The type tests of dbt's adapter Column (`col.is_string()`, `col.string_size()`, `col.is_number()`...) for the
columns `adapter.get_columns_in_relation` returns in the compile pass (values.Column). Cross-database macros
use them to choose between same-named columns of several relations (a union of relations keeps the longer
string), so they answer as dbt's base Column does from the column's type text: a base type name and, for
strings, a size (256 when none is written, as dbt assumes).

>>> from meshlint.render.values import Column
>>> Column("a", "varchar(20)").is_string(), Column("a", "varchar(20)").string_size(), Column("b", "text").string_size()
(True, 20, 256)
>>> Column("c", "decimal(10, 2)").is_numeric(), Column("c", "decimal(10, 2)").is_number(), Column("d", "bigint").is_integer()
(True, True, True)
>>> Column("a", "varchar(20)").can_expand_to(Column("b", "text"))
True
"""

from __future__ import annotations

import re

__all__ = ["ColumnKinds"]

_STRINGS = frozenset({"text", "character varying", "character", "varchar", "string", "char", "bpchar", "nvarchar"})
_INTEGERS = frozenset(
    "tinyint smallint integer bigint hugeint int int1 int2 int4 int8 long short signed utinyint usmallint uinteger"
    " ubigint smallserial serial bigserial byteint".split()
)
_FLOATS = frozenset({"real", "float", "float4", "float8", "double", "double precision", "float64"})
_NUMERICS = frozenset({"numeric", "decimal", "number", "bignumeric", "bigdecimal"})
_SIZE = re.compile(r"\(\s*(\d+)\s*\)\s*$")


class ColumnKinds:
    data_type: str

    def _base(self) -> str:
        return self.data_type.split("(", 1)[0].strip().lower()

    def is_string(self) -> bool:
        return self._base() in _STRINGS

    def is_integer(self) -> bool:
        return self._base() in _INTEGERS

    def is_float(self) -> bool:
        return self._base() in _FLOATS

    def is_numeric(self) -> bool:
        return self._base() in _NUMERICS

    def is_number(self) -> bool:
        return self.is_integer() or self.is_numeric() or self.is_float()

    @property
    def char_size(self) -> int | None:
        found = _SIZE.search(self.data_type) if self.is_string() else None
        return int(found.group(1)) if found else None

    def string_size(self) -> int:
        if not self.is_string():
            raise ValueError("string_size() of a column that is not a string")  # dbt raises too
        size = self.char_size
        return 256 if size is None or self._base() == "text" else size

    def can_expand_to(self, other: object) -> bool:
        if not isinstance(other, ColumnKinds) or not self.is_string() or not other.is_string():
            return False
        return other.string_size() > self.string_size()

    @property
    def expanded_data_type(self) -> str:
        return self.data_type
