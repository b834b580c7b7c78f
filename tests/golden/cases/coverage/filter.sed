# Timings, memory, workers and where the rule packs are vary by machine.
s/ in [0-9]+\.[0-9]+s$/ in Ts/
s/^kbcheck: total [0-9.]+s$/kbcheck: total Ts/
s/^kbcheck: jobs: [0-9]+; arenas hold [0-9.]+ MB$/kbcheck: jobs: J; arenas hold M MB/
s|^kbcheck: config: .*/cases/coverage/kb/kbcheck.yml$|kbcheck: config: kb/kbcheck.yml|
