select
    patient_id,
    upper(last_name),
    first_name || ' ' || last_name,
    concat_ws(', ', last_name, first_name) as display_name,
    regexp_replace(zip3, '[^0-9]', '', 'g') as zip3_digits,
    lpad(cast(patient_id as varchar), 8, '0') as member_number
from {{ ref('g01_stg_patients') }}
