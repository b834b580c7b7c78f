/* trust.h - what makes a cache file this user's, on this machine.
 *
 * The cache lives inside the knowledge base, where anyone who can commit
 * to it, or restore a CI cache into it, can put a file.  A cache entry is
 * believed instead of the file it describes, so a forged one could hide a
 * contradiction (the page says 12 hours, the entry 24).  Each entry is
 * therefore signed (SipHash-2-4, base/siphash.h) with a key that never
 * leaves this user's account: 16 random bytes in
 * $XDG_CACHE_HOME/kbcheck/key (else ~/.cache/kbcheck/key, else, for a
 * user without a home folder, $TMPDIR/kbcheck-UID/key), mode 0600 in a
 * folder of the user's that nobody else may write, made at the first run.  A cache written by another user, on
 * another machine or by hand fails the signature and is rebuilt.  Whoever
 * can read the key can forge: that is the user, and root.
 */
#ifndef KB_CACHE_TRUST_H
#define KB_CACHE_TRUST_H

#include <stdbool.h>

enum { KB_CACHE_KEY_LEN = 16 };

/* The user's cache key into key, made if there is none yet.  false when
 * there is no usable key (no home folder, a key file that is not a 0600
 * file of this user's, ...), with *why saying it (static). */
bool kb_cache_key(unsigned char key[KB_CACHE_KEY_LEN], const char **why);

/* Removes the temporary files "name.XXXXXX" in folder dir that a killed
 * run left (owned by this user, unchanged for more than 10 minutes: a
 * run writing one now keeps writing to it). */
void kb_cache_sweep(int dir, const char *name);

#endif
