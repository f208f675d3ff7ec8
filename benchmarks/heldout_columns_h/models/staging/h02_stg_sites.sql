select
    * exclude (lat, lon, region),
    upper(region) as region,
    round(lat, 2) as lat_2dp,
    round(lon, 2) as lon_2dp
from {{ ref('sites') }}
