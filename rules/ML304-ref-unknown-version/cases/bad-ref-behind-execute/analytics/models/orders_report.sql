{% if execute %}
select order_id from {{ ref('fct_orders', v=3) }}  -- expect: ML304
{% else %}
select 1 as order_id
{% endif %}
