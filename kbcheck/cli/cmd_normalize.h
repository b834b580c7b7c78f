/* cmd_normalize.h - `kbcheck normalize`: what the normalizer makes of a
 * phrase, as one JSON object (the shape documented in normalize/value.c).
 */
#ifndef KB_CMD_NORMALIZE_H
#define KB_CMD_NORMALIZE_H

/* argv[0] is "normalize".  Prints to stdout; usage errors to stderr.
 * Returns 0 (also when nothing is found), 2 on bad usage or input. */
int kb_cmd_normalize(int argc, char **argv);

#endif
