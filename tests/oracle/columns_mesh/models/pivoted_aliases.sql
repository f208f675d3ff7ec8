-- DuckDB's simplified PIVOT with aliases in its IN list: the columns are named after the aliases
pivot {{ ref('raw_products') }} on category in ('tools' as tool_units, 'garden' as garden_units) using sum(units) group by in_stock
