with source as (
    select * from {{ ref('airports') }}
),

renamed as (
    select
        upper(trim(airport_code)) as airport_code,
        airport_name,
        city,
        country_code,
        timezone as airport_timezone,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        coalesce(is_hub, false) as is_hub
    from source
)

select * from renamed
