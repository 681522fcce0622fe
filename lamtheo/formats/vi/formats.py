"""Vietnamese formats that differ from Django's (which Django still reads for the rest): thousands
grouped, 5.000.000 rather than 5000000, as Vietnamese documents write them. Django's Vietnamese locale
names the separator but groups nothing."""

NUMBER_GROUPING = 3
