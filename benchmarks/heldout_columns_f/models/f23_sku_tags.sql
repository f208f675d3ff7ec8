select sku, unnest(string_split(description, ' ')) as word
from {{ ref('skus') }}
