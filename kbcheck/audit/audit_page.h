/* audit_page.h - building blocks of the audit's HTML page, shared by
 * audit_html.c (the page and its sections) and audit_coverage.c (what the
 * latest run did not read or claim).  Private to kbcheck/report/audit*.c.
 *
 * Every string goes into the tree as a text node or an attribute value
 * (escaped by the serializer), first made valid UTF-8 without control
 * characters (ap_clean). */
#ifndef KB_AUDIT_PAGE_H
#define KB_AUDIT_PAGE_H

#include <libxml/tree.h>

#include "../base/buf.h"
#include "audit_model.h"

typedef struct ap_page {
	kb_arena *a;
	const kb_audit_model *m;
	kb_buf scratch; /* ap_clean's: valid until the next call */
} ap_page;

/* Text as libxml2 wants it: valid UTF-8 without control characters (XML
 * and HTML forbid most of them); anything else becomes U+FFFD. */
const xmlChar *ap_clean(ap_page *p, const char *s);
/* A new child <name class=cls> of parent (cls may be NULL). */
xmlNodePtr ap_el(xmlNodePtr parent, const char *name, const char *cls);
void ap_attr(ap_page *p, xmlNodePtr n, const char *name, const char *value);
void ap_text(ap_page *p, xmlNodePtr parent, const char *s);
void ap_textf(ap_page *p, xmlNodePtr parent, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* <name class=cls>text</name> */
xmlNodePtr ap_text_el(ap_page *p, xmlNodePtr parent, const char *name, const char *cls,
		      const char *s);
/* A cell (td or th) with a number, class "num". */
xmlNodePtr ap_num_cell(ap_page *p, xmlNodePtr tr, const char *name, int64_t v);
const char *ap_plural(int64_t n, const char *one, const char *many);
/* "path:line:col", linked (as of run, NULL: the latest) when a source URL
 * template is set. */
void ap_location(ap_page *p, xmlNodePtr parent, const kb_hclaim *c, const kb_hrun *run);

/* The section on the latest run's coverage (audit_coverage.c). */
void ap_coverage(ap_page *p, xmlNodePtr main);

#endif
