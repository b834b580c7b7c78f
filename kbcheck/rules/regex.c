/* regex.c - PCRE2 wrapper. */
#include "regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits: generous for real sentences, small enough that a pathological
 * pattern fails in milliseconds. */
enum { MATCH_LIMIT = 200000, DEPTH_LIMIT = 2000 };

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

struct kb_re {
	pcre2_code *code;
	/* JIT compiling is most of a pack's load time, and most patterns never
	 * run in a typical run (the prefilter skips them; a run from the cache
	 * runs none): it happens at the first match, once, under jit_lock. */
	atomic_bool jitted;
	bool jit; /* and that worked: matched by pcre2_jit_match */
	int value_group; /* number of the group named "value", or 0 */
	const char *pattern;
};

struct kb_re_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
};

kb_re *kb_re_compile(kb_arena *a, const char *pattern, char *err, size_t errlen,
		     size_t *erroff)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code,
				      &off, NULL);
	if (!c) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(err, errlen, "%s", (const char *)msg);
		*erroff = (size_t)off;
		return NULL;
	}
	kb_re *re = KB_NEW(a, kb_re);
	atomic_init(&re->jitted, false);
	re->code = c;
	re->pattern = kb_strdup(a, pattern);
	int g = pcre2_substring_number_from_name(c, (PCRE2_SPTR) "value");
	re->value_group = g > 0 ? g : 0;
	return re;
}

void kb_re_free(kb_re *re)
{
	if (re && re->code) {
		pcre2_code_free(re->code);
		re->code = NULL;
	}
}

kb_re_scratch *kb_re_scratch_new(void)
{
	kb_re_scratch *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->md = pcre2_match_data_create(32, NULL);
	s->mc = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(s->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(s->mc, DEPTH_LIMIT);
	s->js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (s->js)
		pcre2_jit_stack_assign(s->mc, NULL, s->js);
	return s;
}

void kb_re_scratch_free(kb_re_scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mc);
	if (s->js)
		pcre2_jit_stack_free(s->js);
	free(s);
}

kb_re_result kb_re_match(const kb_re *re, kb_re_scratch *sc, const char *s,
			 size_t n, size_t start, size_t *ms, size_t *me,
			 size_t *vs, size_t *ve)
{
	if (start > n)
		return KB_RE_NOMATCH;
	if (!atomic_load_explicit(&re->jitted, memory_order_acquire)) {
		/* Threads wait here until it is done: none matches the code
		 * while it is being JIT-compiled. */
		pthread_mutex_lock(&jit_lock);
		if (!atomic_load_explicit(&re->jitted, memory_order_relaxed)) {
			/* JIT is an optimisation: a failure (no JIT on this CPU)
			 * is fine, the interpreter runs the pattern.  The
			 * compiled code is called directly (pcre2_jit_match: no
			 * checks of what kb_re_match passes, which are the
			 * same on every call). */
			((kb_re *)re)->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
			atomic_store_explicit((atomic_bool *)&re->jitted, true, memory_order_release);
		}
		pthread_mutex_unlock(&jit_lock);
	}
	/* Unit text is validated UTF-8 (the walker repairs bad bytes), so the
	 * per-call UTF check can be skipped. */
	int rc = re->jit ? pcre2_jit_match(re->code, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK,
					   sc->md, sc->mc)
			 : pcre2_match(re->code, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, sc->md,
				       sc->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return KB_RE_NOMATCH;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
		return KB_RE_LIMIT;
	if (rc < 0)
		return KB_RE_ERROR;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	*ms = ov[0];
	*me = ov[1];
	if (vs && ve) {
		*vs = ov[0];
		*ve = ov[1];
		int g = re->value_group;
		if (g > 0 && g < rc && ov[2 * g] != PCRE2_UNSET) {
			*vs = ov[2 * g];
			*ve = ov[2 * g + 1];
		}
	}
	return KB_RE_MATCH;
}

const char *kb_re_pattern(const kb_re *re) { return re->pattern; }
