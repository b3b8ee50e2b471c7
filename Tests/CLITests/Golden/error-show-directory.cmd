# A directory is not a file to show (66).
show Specs
