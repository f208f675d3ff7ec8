-- every column of a seed without column_types, whose types dbt infers from the CSV values
select * from {{ ref('raw_mixed') }}
