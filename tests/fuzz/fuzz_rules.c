/* fuzz_rules.c - the rule-pack loader (libfyaml, PCRE2): the input is a
 * pack file; its patterns then run, under the match limits, on the pack's
 * own test sentences and on a few fixed ones. */
#include <stdlib.h>

#include "base/diag.h"
#include "base/vec.h"
#include "harness.h"
#include "rules/extract.h"
#include "rules/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const sentences[][2] = {
    {"en", "You can cancel your order within 24 hours, free of charge."},
    {"en", "Returns are accepted for 30 days; refunds take 3-5 business days."},
    {"vi", "Bạn có thể hủy đơn hàng trong vòng 24 giờ, miễn phí vận chuyển cho đơn từ 500.000đ."},
    {"th", "คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 1 วัน ส่งฟรีเมื่อซื้อครบ 500 บาท"},
    {"en", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_tmpfile("pack.yml", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	kb_rules_load(r, d, path);
	kb_extractor *x = kb_extractor_new(r, a, d);
	kb_vec claims = {0};
	for (size_t i = 0; i < kb_rules_ntopics(r); i++) {
		const kb_topic *t = kb_rules_topic(r, i);
		for (size_t k = 0; k < t->ntests; k++)
			if (t->tests[k].text)
				kb_extract_text(x, t->tests[k].locale ? t->tests[k].locale : "en",
						t->tests[k].question, t->tests[k].text, &claims);
	}
	for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++)
		kb_extract_text(x, sentences[i][0], NULL, sentences[i][1], &claims);
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
	return 0;
}
