select
    ticket_id,
    booking_ref,
    unnest(ancillary_list) as ancillary
from {{ ref('i06_stg_tickets') }}
where ancillary_list is not null
