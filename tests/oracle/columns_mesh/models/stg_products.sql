-- select * through two CTEs, from a seed with column_types
with source as (
    select * from {{ ref('raw_products') }}
),

renamed as (
    select * from source
)

select * from renamed
