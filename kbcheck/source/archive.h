/* archive.h - knowledge-base exports packed in a zip (a Dialogflow agent
 * export, a help-centre dump), read like a directory.
 *
 * Each member becomes an in-memory source whose path is
 * "<zip path>/<member path>", so detection by place ("intents/x.json")
 * works inside the zip as outside.  Only this module includes zip.h.
 */
#ifndef KB_ARCHIVE_H
#define KB_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../base/vec.h"
#include "source.h"

/* A zip with more members than this is not read at all. */
#define KB_ARCHIVE_MAX_MEMBERS 10000

/* Whether the member at path ("<zip>/<member>") is to be read. */
typedef bool (*kb_archive_filter)(void *ctx, const char *path);

/* path ends in ".zip" (any case). */
bool kb_archive_is_zip(const char *path);

/* Reads the zip file at fs_path, shown to the user as path, appending a
 * kb_source* to out for each member that want(ctx, ...) accepts (NULL:
 * all), in member-name order.  Only path, data and len are set; data is
 * NUL-terminated; everything lives in a.  Directories, hidden members
 * (".x", "__MACOSX/") are passed over; absolute paths and ".." are
 * refused.  A member may expand to max_member bytes, all of them to ten
 * times that.  Problems go to d naming the zip, or the zip and the
 * member; what could be read is still appended. */
void kb_archive_read_zip(kb_arena *a, kb_diags *d, const char *fs_path,
			 const char *path, size_t max_member, kb_archive_filter want,
			 void *ctx, kb_vec *out);

#endif
