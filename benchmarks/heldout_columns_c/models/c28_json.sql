select event_id, payload->>'$.kind', json_extract(payload, '$.n') from {{ ref('events') }}
