-- a union of relations through a local macro that reads each relation's columns and their kinds
-- (adapter.get_columns_in_relation, col.is_string(), col.string_size(), col.is_number())
{{ union_known([ref('raw_products'), ref('raw_events')]) }}
