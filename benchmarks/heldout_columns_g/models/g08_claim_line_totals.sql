select
    claim_id,
    count(*) as line_count,
    sum(line_amount) as total_line_amount,
    count(*) filter (where modifier is not null) as modified_lines,
    max(units),
    string_agg(procedure_code, ',' order by line_number) as procedure_codes
from {{ ref('g04_stg_claim_lines') }}
group by claim_id
