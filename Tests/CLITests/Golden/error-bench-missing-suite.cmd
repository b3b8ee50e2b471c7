# A suite directory that does not exist is a missing file (66).
bench --suite Specs/nonexistent --strategies dfs
