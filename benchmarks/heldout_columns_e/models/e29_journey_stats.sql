select
    account_id,
    urls[1] as first_url,
    len(urls) as n_views,
    array_to_string(devices, ',') as device_list
from {{ ref('e28_user_journeys') }}
