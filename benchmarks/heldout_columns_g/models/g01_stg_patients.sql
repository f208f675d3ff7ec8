with source as (
    select * from {{ ref('patients') }}
),

renamed as (
    select
        patient_id,
        upper(trim(first_name)[1]) || lower(trim(first_name)[2:]) as first_name,
        upper(trim(last_name)[1]) || lower(trim(last_name)[2:]) as last_name,
        birth_date,
        {{ age_on('birth_date', '2026-01-01') }} as age_years,
        upper(sex) as sex,
        left(zip_code, 3) as zip3,
        plan_id
    from source
)

select * from renamed
