select * replace (round(cost, 1) as cost, upper(ndc) as ndc)
from {{ source('pharmacy', 'rx_fills') }}
