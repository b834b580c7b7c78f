/* files.h - the files kbcheck writes, and how it reaches the ones inside a
 * knowledge base.
 *
 * A knowledge base is content from others (a pull request, an export), and
 * kbcheck writes its own files inside it: the cache (.kbcheck/cache/) and
 * the acknowledgements (.kbcheck/acks.yml).  A symbolic link committed at
 * any of those places must not make kbcheck read or write outside the KB
 * (`.kbcheck/acks.yml -> ../../.bashrc`).  So they are reached from the KB
 * root (which the user named) one component at a time, none followed if it
 * is a symbolic link: kb_dir_beneath opens the folder, and the calls below
 * work inside it.
 *
 * Every file kbcheck writes, there or where the command line says, is
 * written atomically: into a temporary file beside it, renamed over it once
 * written and closed.  A failed write leaves the old file as it was, and a
 * symbolic link at the target is replaced, never written through.
 *
 *     int dir = kb_dir_beneath(root, ".kbcheck", true);
 *     kb_wfile *w = kb_wfile_at(dir, "acks.yml");
 *     fputs(text, kb_wfile_stream(w));
 *     if (!kb_wfile_commit(w)) ... errno says why
 *     close(dir);
 */
#ifndef KB_FILES_H
#define KB_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"

/* The folder root/rel opened (O_DIRECTORY), rel being relative ("a/b"; no
 * "..").  root is taken as given; every component of rel must be a folder,
 * not a symbolic link; with create, missing ones are made.  -1 with errno
 * (ELOOP or ENOTDIR: a component is a symbolic link or not a folder;
 * EINVAL: rel is absolute or has ".."). The caller closes it. */
int kb_dir_beneath(const char *root, const char *rel, bool create);

/* name in folder dir opened for reading: a regular file, not a symbolic
 * link (ELOOP), a FIFO or a device (EINVAL), so reading never blocks or
 * leaves the folder.  -1 with errno (ENOENT: there is none). */
int kb_open_regular(int dir, const char *name);

/* Append all of fd to b, at most max bytes (EFBIG beyond); false with
 * errno on a read error. */
bool kb_read_all(int fd, kb_buf *b, size_t max);
/* The regular file at path (kb_open_regular from the working folder)
 * appended to b whole, at most max bytes; false with errno. */
bool kb_read_path(const char *path, kb_buf *b, size_t max);
/* The same for a file the user named (a baseline, a corpus's labels) or
 * kbcheck's own (the config's bytes for the cache key): a symbolic link
 * is followed; what is not a regular file (a FIFO, /dev/zero, a folder)
 * is refused (EINVAL) before any read.  Every whole-file read that is not
 * a settings file (kb_read_settings) or inside the KB (kb_read_beneath)
 * goes through here or kb_read_path. */
bool kb_read_file(const char *path, kb_buf *b, size_t max);

/* A settings file (kbcheck.yml, a rule pack, the policy) read whole into
 * b, with the walker's rules: a regular file only (opened non-blocking, so
 * a FIFO never blocks; /dev/zero is refused), at most max bytes, and, when
 * `within` is not NULL, only when its real path lies inside that folder: a
 * path the knowledge base names (`rules: ["/etc/shadow"]`), or a link in
 * it, never makes kbcheck read, and quote in its errors, a file outside it.
 * What the user named on the command line passes within = NULL.
 * True when read; false when refused or unreadable, said on d at path
 * ("<what>: why: not read", "cannot read <what>: <strerror>"). */
bool kb_read_settings(kb_diags *d, const char *what, const char *path, const char *within,
		     size_t max, kb_buf *b);

typedef struct kb_wfile kb_wfile;

/* Start writing name in folder dir (not kept: the file has its own copy of
 * the descriptor).  NULL with errno when no temporary file can be made. */
kb_wfile *kb_wfile_at(int dir, const char *name);
/* Start writing path, a file named on the command line: its folder is
 * taken as given (made if missing, one level).  A link to a regular file
 * is replaced; what is not a regular file (/dev/null, /dev/stdout, a FIFO)
 * is written in place.  NULL with errno. */
kb_wfile *kb_wfile_open(const char *path);
/* Where to write (a stdio stream on the temporary file). */
FILE *kb_wfile_stream(kb_wfile *w);
/* Close the stream and rename the temporary file over the target.  False
 * with errno when a write, the close or the rename failed: the temporary
 * file is removed and the target left as it was.  Frees w either way. */
bool kb_wfile_commit(kb_wfile *w);
/* Give up: the temporary file is removed, the target untouched; frees w. */
void kb_wfile_abort(kb_wfile *w);

/* The regular file root/rel (rel relative, no "..", reached as
 * kb_dir_beneath does: no symbolic link followed) appended to b, at most
 * max bytes: 1; 0 when there is none; -1 with errno. */
int kb_read_beneath(const char *root, const char *rel, kb_buf *b, size_t max);
/* data[0..len) written to root/rel the same way (its folders made when
 * missing), atomically (kb_wfile_at): false with errno, the old file
 * then as it was. */
bool kb_write_beneath(const char *root, const char *rel, const char *data, size_t len);

#endif
