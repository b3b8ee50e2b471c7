# A spec no protocol of any size satisfies in this game: the refutation says so and shows the schedule.
synthesize Tests/CLITests/Fixtures/every-process-decides.smt2 --output - --quiet --no-encoder --seed 3
