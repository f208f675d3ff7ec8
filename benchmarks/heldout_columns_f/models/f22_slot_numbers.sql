select range as slot, range * 15 as minute_offset
from range(0, 8)
