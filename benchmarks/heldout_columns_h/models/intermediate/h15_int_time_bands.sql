select *
from (
    values
        ('night', 0, 7),
        ('day', 7, 16),
        ('peak', 16, 19),
        ('evening', 19, 24)
) as bands(band_name, start_hour, end_hour)
