select event_id, payload::json as payload_json, json_extract_string(payload, '$.x') as x
from {{ ref('events') }}
