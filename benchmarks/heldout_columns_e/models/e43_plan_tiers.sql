select unnest as tier, 'tier' as kind
from unnest(['free', 'pro', 'enterprise'])
