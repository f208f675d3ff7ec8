select
    claim_id,
    line_number,
    procedure_code,
    units,
    line_amount,
    units * line_amount,
    nullif(modifier, '') as modifier
from {{ ref('claim_lines') }}
