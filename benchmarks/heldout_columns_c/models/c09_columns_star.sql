select columns(*) from {{ ref('products') }}
