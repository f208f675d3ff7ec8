unpivot {{ ref('h04_stg_tariffs') }}
on peak_rate, offpeak_rate, unit_rate
into
    name rate_kind
    value rate_pence
