"""Tools around cleaning: explain, report, rules learn, rules check, eval."""
