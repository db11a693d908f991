select stats_year, stats_month, ranking_year, from data_cutoff;
