/* audit_page.c - the audit page's building blocks (audit_page.h): nodes,
 * attributes and text, every string cleaned for libxml2. */
#include "audit_page.h"

#include <stdarg.h>
#include <string.h>

/* Bytes in the UTF-8 sequence that lead byte c starts; 0 if c cannot. */
static size_t utf8_len(unsigned c)
{
	if (c < 0x80)
		return 1;
	if ((c >> 5) == 6)
		return 2;
	if ((c >> 4) == 14)
		return 3;
	return (c >> 3) == 30 ? 4 : 0;
}

/* Text as libxml2 wants it: valid UTF-8 without control characters (XML
 * and HTML forbid most of them); anything else becomes U+FFFD. */
const xmlChar *ap_clean(ap_page *p, const char *s)
{
	if (!s)
		s = "";
	kb_buf_clear(&p->scratch);
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		unsigned c = *u;
		size_t n = utf8_len(c);
		bool ok = n > 0;
		for (size_t k = 1; ok && k < n; k++)
			ok = (u[k] & 0xC0) == 0x80;
		if (ok && n == 1 && c < 0x20 && c != '\t' && c != '\n')
			ok = false;
		if (ok && n == 1 && c == 0x7f)
			ok = false;
		if (ok && n == 2 && c < 0xC2)
			ok = false; /* overlong */
		if (ok && n == 3) {
			unsigned cp = ((c & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
			ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) && cp != 0xFFFE &&
			     cp != 0xFFFF;
		}
		if (ok && n == 4) {
			unsigned cp = ((c & 0x07) << 18) | ((u[1] & 0x3F) << 12) |
				      ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
			ok = cp >= 0x10000 && cp <= 0x10FFFF;
		}
		if (ok) {
			kb_buf_put(&p->scratch, (const char *)u, n);
			u += n;
		} else {
			kb_buf_puts(&p->scratch, "\xEF\xBF\xBD");
			u++;
		}
	}
	return (const xmlChar *)kb_buf_cstr(&p->scratch);
}

xmlNodePtr ap_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
	if (cls)
		xmlNewProp(n, (const xmlChar *)"class", (const xmlChar *)cls);
	return n;
}

void ap_attr(ap_page *p, xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, ap_clean(p, value));
}

void ap_text(ap_page *p, xmlNodePtr parent, const char *s)
{
	xmlAddChild(parent, xmlNewText(ap_clean(p, s)));
}

void ap_textf(ap_page *p, xmlNodePtr parent, const char *fmt, ...)
{
	kb_buf b = KB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ap_text(p, parent, kb_buf_cstr(&b));
	kb_buf_free(&b);
}

xmlNodePtr ap_text_el(ap_page *p, xmlNodePtr parent, const char *name, const char *cls,
			  const char *s)
{
	xmlNodePtr n = ap_el(parent, name, cls);
	ap_text(p, n, s);
	return n;
}

xmlNodePtr ap_num_cell(ap_page *p, xmlNodePtr tr, const char *name, int64_t v)
{
	xmlNodePtr td = ap_el(tr, name, "num");
	ap_textf(p, td, "%lld", (long long)v);
	return td;
}

const char *ap_plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "path:line:col", linked (as of run, NULL: the latest) when a source URL
 * template is set. */
void ap_location(ap_page *p, xmlNodePtr parent, const kb_hclaim *c, const kb_hrun *run)
{
	const char *loc = kb_sprintf(p->a, "%s:%d:%d", c->path, c->line, c->column);
	const char *href = kb_audit_link(p->a, p->m, c, run);
	xmlNodePtr n = href ? ap_el(parent, "a", "loc") : ap_el(parent, "span", "loc");
	if (href)
		ap_attr(p, n, "href", href);
	ap_text(p, n, loc);
}
