-- enforced contract on a table: dbt writes the columns in the YAML's order, not the SELECT's
select
    sku,
    product_id,
    in_stock,
    price,
    launched_on
from {{ ref('stg_products') }}
