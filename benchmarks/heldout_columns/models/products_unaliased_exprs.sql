select product_id, price * 2, upper(name), category = 'kitchen'
from {{ ref('stg_products') }}
