select * exclude (birth_date, email_hash) rename (email as contact_email)
from {{ ref('i04_stg_passengers') }}
