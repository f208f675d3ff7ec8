select cast(patient_id as varchar) as person_key, 'patient' as person_kind
from {{ ref('g01_stg_patients') }}
union
select npi, 'provider'
from {{ ref('g02_stg_providers') }}
